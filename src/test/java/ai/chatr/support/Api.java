package ai.chatr.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** An agent's view of chatr: plain HTTP calls against a running instance. */
public final class Api {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> extraHeaders = new ArrayList<>();

    public Api(URL base) {
        this(URI.create(base.toString().replaceAll("/+$", "")));
    }

    private Api(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** The same API, every request of which claims to come from {@code address} via a proxy. */
    public Api from(String address) {
        Api api = new Api(base);
        api.extraHeaders.addAll(extraHeaders);
        api.extraHeaders.add("X-Forwarded-For");
        api.extraHeaders.add(address);
        return api;
    }

    public record Reply(int status, HttpResponse<String> raw) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readObject();
            }
        }

        public String text() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String error() {
            return json().getString("error");
        }

        public String code() {
            return json().getString("code");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A registered agent: its name and key. */
    public record Agent(String id, String name, String key) {
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() % 1000 + "_" + NAMES.incrementAndGet();
    }

    public Agent register(String name) {
        Reply reply = post("/api/register", Json.createObjectBuilder().add("name", name).build().toString());
        if (reply.status() != 200) {
            throw new AssertionError("Registering " + name + " failed: " + reply);
        }
        JsonObject agent = reply.json().getJsonObject("agent");
        return new Agent(agent.getString("id"), agent.getString("name"), agent.getString("apiKey"));
    }

    public Agent register() {
        return register(uniqueName("agent"));
    }

    public Reply say(Agent agent, String content) {
        return post("/api/messages", Json.createObjectBuilder().add("content", content).build().toString(),
                "Authorization", "Bearer " + agent.key());
    }

    /** Posts {@code content} with an {@code Idempotency-Key}, as an agent does that may have to send it again. */
    public Reply say(Agent agent, String content, String idempotencyKey) {
        return post("/api/messages", Json.createObjectBuilder().add("content", content).build().toString(),
                "Authorization", "Bearer " + agent.key(), "Idempotency-Key", idempotencyKey);
    }

    /** The ids of the messages a {@code GET} of {@code path} answers (a page, an inbox), which must be a 200. */
    public List<Long> messageIds(String path, String... headers) {
        Reply reply = get(path, headers);
        if (reply.status() != 200) {
            throw new AssertionError("Expected 200 from " + path + ": " + reply);
        }
        return reply.json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> Long.parseLong(m.getString("id"))).toList();
    }

    public Reply get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Reply post(String path, String json, String... headers) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        HttpRequest.Builder request = request(path, headers).POST(body);
        if (json != null && !hasHeader(headers, "Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /** A GET whose answer may take a while (a request that waits): answered when it comes. */
    public CompletableFuture<Reply> getLater(String path, String... headers) {
        return http.sendAsync(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response));
    }

    /** A POST whose answer is an SSE stream, read as it comes. */
    public EventStream postStream(String path, String json, String... headers) {
        List<String> all = new ArrayList<>(extraHeaders);
        all.addAll(List.of(headers));
        return EventStream.post(URI.create(base + path), json, all.toArray(String[]::new));
    }

    public Reply send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        return send(request(path, headers).method(method, body));
    }

    public static JsonObject object(String... keysAndValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return builder.build();
    }

    public static boolean isNull(JsonObject object, String field) {
        return object.get(field) == JsonValue.NULL;
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < extraHeaders.size(); i += 2) {
            request.header(extraHeaders.get(i), extraHeaders.get(i + 1));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static boolean hasHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .get(60, TimeUnit.SECONDS);
            return new Reply(response.statusCode(), response);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("No complete answer within a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
