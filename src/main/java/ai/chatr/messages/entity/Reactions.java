package ai.chatr.messages.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message's reaction counts as one column: each reaction and its count, separated by spaces
 * ({@code "👍=2 🎉=1"}), in the order they were first given. Reactions are chosen from a list of
 * emoji, none of which holds a space or {@code =}.
 */
public final class Reactions {

    private Reactions() {
    }

    /** The counts a column holds; empty for null. */
    public static Map<String, Integer> parse(String column) {
        if (column == null || column.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String entry : column.split(" ")) {
            int at = entry.lastIndexOf('=');
            counts.put(entry.substring(0, at), Integer.parseInt(entry.substring(at + 1)));
        }
        return Collections.unmodifiableMap(counts);
    }

    /** The column for these counts; null when there are none. */
    public static String format(Map<String, Integer> counts) {
        StringBuilder column = new StringBuilder();
        counts.forEach((reaction, count) -> {
            if (count > 0) {
                column.append(column.isEmpty() ? "" : " ").append(reaction).append('=').append(count);
            }
        });
        return column.isEmpty() ? null : column.toString();
    }

    /** An unmodifiable copy that keeps the order; empty for null. */
    static Map<String, Integer> copy(Map<String, Integer> counts) {
        return counts == null || counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
