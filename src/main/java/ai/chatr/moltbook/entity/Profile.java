package ai.chatr.moltbook.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What chatr needs of a Moltbook profile ({@code GET /agents/profile?name=}): whether a human
 * claimed it, the owner's X handle, and the text of its recent posts. Moltbook answers in
 * snake_case ({@code is_claimed}, {@code x_handle}, {@code recent_posts}) or camelCase
 * ({@code isClaimed}, {@code xHandle}, {@code recentPosts}); both are read. Anything of an
 * unexpected type counts as absent.
 */
public record Profile(String name, boolean claimed, String ownerXHandle, List<String> posts) {

    /** X handles are at most 15 of these; a little slack, but nothing that is not a handle. */
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,32}");

    /** @throws IllegalArgumentException when the answer has no {@code agent} object */
    public static Profile from(JsonObject answer) {
        JsonObject agent = object(answer, "agent")
                .orElseThrow(() -> new IllegalArgumentException("The Moltbook answer has no agent object"));
        boolean claimed = field(agent, "is_claimed", "isClaimed").map(value -> value == JsonValue.TRUE).orElse(false);
        String handle = object(agent, "owner")
                .flatMap(owner -> string(owner, "x_handle", "xHandle"))
                .map(Profile::handle)
                .orElse(null);
        List<String> posts = new ArrayList<>();
        posts(answer, posts);
        posts(agent, posts);
        return new Profile(string(agent, "name").orElse(null), claimed, handle, List.copyOf(posts));
    }

    /** True when a post's title or text contains {@code tag} (e.g. {@code [ABC12345]}). */
    public boolean mentions(String tag) {
        return posts.stream().anyMatch(post -> post.contains(tag));
    }

    private static void posts(JsonObject holder, List<String> into) {
        field(holder, "recentPosts", "recent_posts")
                .filter(JsonArray.class::isInstance)
                .map(JsonValue::asJsonArray)
                .ifPresent(array -> array.stream()
                        .filter(JsonObject.class::isInstance)
                        .map(JsonValue::asJsonObject)
                        .forEach(post -> into.add(string(post, "title").orElse("") + "\n" + string(post, "content").orElse(""))));
    }

    private static String handle(String raw) {
        String handle = raw.strip();
        handle = handle.startsWith("@") ? handle.substring(1) : handle;
        return HANDLE.matcher(handle).matches() ? handle : null;
    }

    private static Optional<JsonValue> field(JsonObject object, String... names) {
        for (String name : names) {
            JsonValue value = object.get(name);
            if (value != null && value != JsonValue.NULL) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> object(JsonObject holder, String name) {
        return field(holder, name).filter(JsonObject.class::isInstance).map(JsonValue::asJsonObject);
    }

    private static Optional<String> string(JsonObject holder, String... names) {
        return field(holder, names).filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString());
    }
}
