package ai.chatr.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stream listener parsing Server-Sent Events the way a browser's EventSource does: lines up to
 * a blank one make an event; {@code data:} lines join with newlines; {@code :} lines are comments.
 */
public final class EventStream implements AutoCloseable {

    /** One dispatched event: its {@code id:} (or null), its data, and whether a comment came before. */
    public record Event(String id, String data) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(data))) {
                return reader.readObject();
            }
        }

        public String type() {
            return json().getString("type");
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;
    private volatile boolean ended;
    private volatile boolean closing;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static EventStream open(URI url, String... headers) {
        return send(HttpRequest.newBuilder(url).header("Accept", "text/event-stream"), headers);
    }

    /** A POST of {@code json} whose answer is read as a stream as it comes (MCP's SSE answers). */
    public static EventStream post(URI url, String json, String... headers) {
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    private static EventStream send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new EventStream(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server (or a proxy between) ended the stream, cleanly or by dropping the connection. */
    public boolean ended() {
        return ended;
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse("");
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The ids of the {@code message} events, in the order they arrived. */
    public List<Long> messageIds() {
        return ofType("message").stream().map(e -> Long.parseLong(e.id())).toList();
    }

    /** The ids of the messages in the first {@code history} event. */
    public List<Long> historyIds() {
        return ofType("history").get(0).json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(m -> Long.parseLong(m.getString("id"))).toList();
    }

    /** The ids the {@code deleted} events named, in the order they arrived. */
    public List<Long> deletedIds() {
        return ofType("deleted").stream().map(e -> Long.parseLong(e.json().getJsonObject("data").getString("id"))).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Lines that are neither {@code data:}, {@code id:}, {@code retry:} nor comments (e.g. {@code event:}). */
    public List<String> unexpectedLines() {
        return List.copyOf(unexpected);
    }

    public List<String> retries() {
        return List.copyOf(retries);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            List<String> data = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, String.join("\n", data)));
                    }
                    id = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else {
                    String field = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
                    String value = line.contains(":") ? line.substring(line.indexOf(':') + 1) : "";
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "data" -> data.add(value);
                        case "id" -> id = value;
                        case "retry" -> retries.add(value);
                        default -> unexpected.add(line);
                    }
                }
            }
            ended = true;
        } catch (IOException closed) {
            ended = !closing; // unless the test closed the stream, the other end dropped it
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }

    public static Duration patience() {
        return Duration.ofSeconds(20);
    }
}
