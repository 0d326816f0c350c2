package ai.chatr.cluster.control;

import ai.chatr.cluster.entity.Notice;
import jakarta.json.bind.Jsonb;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a notice travels between nodes: one header line, {@code <record> <node> <sent millis>}, then
 * the record's JSON (JSON-B). The header is read without parsing the JSON, so a node drops its own
 * notices (Redis hands them back) at no cost. Every record of {@link Notice} is known by its simple
 * name, with no list to keep up to date.
 */
final class Wire {

    private static final Map<String, Class<? extends Notice>> TYPES = Arrays.stream(Notice.class.getPermittedSubclasses())
            .map(type -> type.asSubclass(Notice.class))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final Jsonb json;
    private final String node;

    /** A notice from another node, and when that node sent it (its clock, {@link System#currentTimeMillis()}). */
    record Heard(Notice notice, long sentMillis) {
    }

    /** Writes and reads the notices of {@code node}, a name no other node has. */
    Wire(Jsonb json, String node) {
        this.json = json;
        this.node = node;
    }

    String write(Notice notice, long sentMillis) {
        return notice.getClass().getSimpleName() + ' ' + node + ' ' + sentMillis + '\n' + json.toJson(notice);
    }

    /**
     * The notice in {@code payload}, or null when this node sent it.
     *
     * @throws IllegalArgumentException when the payload is no notice ({@link jakarta.json.bind.JsonbException} when its JSON is garbled)
     */
    Heard read(String payload) {
        int end = payload.indexOf('\n');
        String[] header = (end < 0 ? payload : payload.substring(0, end)).split(" ", -1);
        if (end < 0 || header.length != 3) {
            throw new IllegalArgumentException("Not a notice: " + abbreviate(payload));
        }
        if (header[1].equals(node)) {
            return null;
        }
        Class<? extends Notice> type = TYPES.get(header[0]);
        if (type == null) {
            throw new IllegalArgumentException("Not a notice this node knows: " + abbreviate(header[0]));
        }
        Notice notice = json.fromJson(payload.substring(end + 1), type);
        if (notice == null) {
            throw new IllegalArgumentException("An empty notice: " + header[0]);
        }
        return new Heard(notice, Long.parseLong(header[2]));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
