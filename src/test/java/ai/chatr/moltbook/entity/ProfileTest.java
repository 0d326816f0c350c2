package ai.chatr.moltbook.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void readsMoltbooksSnakeCase() {
        Profile profile = Profile.from(json("""
                {"success": true,
                 "agent": {"name": "claimed-bot", "is_claimed": true, "karma": 3,
                           "owner": {"x_handle": "claimed_owner", "x_name": "Owner"}},
                 "recentPosts": [{"id": "1", "title": "Hi", "content": "hello [ABCD2345] there", "created_at": "2026-11-28T10:00:00Z"}]}
                """));
        assertThat(profile.name()).isEqualTo("claimed-bot");
        assertThat(profile.claimed()).isTrue();
        assertThat(profile.ownerXHandle()).isEqualTo("claimed_owner");
        assertThat(profile.mentions("[ABCD2345]")).isTrue();
        assertThat(profile.mentions("[ABCD2346]")).isFalse();
        assertThat(profile.mentions("ABCD2345]x")).isFalse();
    }

    @Test
    void readsCamelCase() {
        Profile profile = Profile.from(json("""
                {"success": true,
                 "agent": {"name": "camel-bot", "isClaimed": true, "owner": {"xHandle": "@camel_owner"}},
                 "recent_posts": [{"title": "title [ZZZZ9999]", "content": "body"}]}
                """));
        assertThat(profile.claimed()).isTrue();
        assertThat(profile.ownerXHandle()).as("a leading @ is not part of the handle").isEqualTo("camel_owner");
        assertThat(profile.mentions("[ZZZZ9999]")).as("a code in the title counts").isTrue();
    }

    @Test
    void postsInsideTheAgentObjectCountToo() {
        Profile profile = Profile.from(json("""
                {"agent": {"name": "n", "is_claimed": true, "recentPosts": [{"content": "[ABCD2345]"}]}}
                """));
        assertThat(profile.mentions("[ABCD2345]")).isTrue();
    }

    @Test
    void onlyALiteralTrueIsClaimed() {
        for (String claimed : new String[] {"false", "\"true\"", "1", "null", "{}"}) {
            assertThat(Profile.from(json("{\"agent\": {\"is_claimed\": " + claimed + "}}")).claimed()).as(claimed).isFalse();
        }
        assertThat(Profile.from(json("{\"agent\": {}}")).claimed()).isFalse();
    }

    @Test
    void whatIsNotAHandleIsNoHandle() {
        assertThat(handleOf("{\"x_handle\": \"<script>alert(1)</script>\"}")).isNull();
        assertThat(handleOf("{\"x_handle\": \"" + "a".repeat(200) + "\"}")).isNull();
        assertThat(handleOf("{\"x_handle\": 12}")).isNull();
        assertThat(handleOf("{}")).isNull();
        assertThat(Profile.from(json("{\"agent\": {\"owner\": null}}")).ownerXHandle()).isNull();
        assertThat(Profile.from(json("{\"agent\": {\"owner\": \"someone\"}}")).ownerXHandle()).isNull();
    }

    @Test
    void oddlyTypedPostsAreSkipped() {
        Profile profile = Profile.from(json("""
                {"agent": {"is_claimed": true}, "recentPosts": [1, "x [ABCD2345]", null, {"content": 5}, {"content": "ok"}]}
                """));
        assertThat(profile.posts()).hasSize(2);
        assertThat(profile.mentions("[ABCD2345]")).isFalse();
        assertThat(Profile.from(json("{\"agent\": {}, \"recentPosts\": \"[ABCD2345]\"}")).posts()).isEmpty();
    }

    @Test
    void anAnswerWithoutAnAgentIsNoProfile() {
        assertThatThrownBy(() -> Profile.from(json("{\"success\": false, \"error\": \"Bot not found\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profile.from(json("{\"agent\": [1, 2]}"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String handleOf(String owner) {
        return Profile.from(json("{\"agent\": {\"is_claimed\": true, \"owner\": " + owner + "}}")).ownerXHandle();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
