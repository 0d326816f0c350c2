package ai.chatr.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server receiving chatr's hook deliveries, in the test JVM, on an address of this
 * machine's loopback (127.0.0.2 unless told otherwise: the tests' chatr allows that one host). It
 * answers a {@code hook.verify} challenge by echoing it, and every other delivery as {@link #answer}
 * says (204 until told otherwise); it keeps every request it got, challenges included, in order.
 */
public final class HookReceiver implements AutoCloseable {

    /** The address the tests' chatr allows hooks to reach ({@code chatr.hooks.allowed-hosts}). */
    public static final String ALLOWED = "127.0.0.2";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Function<Request, Reply> answer = request -> Reply.status(204);
    private volatile Function<Request, Reply> challenge = request -> Reply.json(200,
            Json.createObjectBuilder().add("challenge", request.json().getString("challenge")).build().toString());

    /** One request as it came: the Standard Webhooks headers, the user agent and the body. */
    public record Request(String id, String timestamp, String signature, String userAgent, String contentType, String body,
                          Instant at) {

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String type() {
            return json().getString("type");
        }

        /** The id of the message it is about, for a delivery of a message. */
        public String messageId() {
            return json().getJsonObject("data").getString("id");
        }
    }

    /** How to answer: a status, headers and a body; {@code hangs}: not at all, until the receiver closes. */
    public record Reply(int status, Map<String, String> headers, String body, boolean hangs) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", false);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, false);
        }

        public static Reply hanging() {
            return new Reply(0, Map.of(), "", true);
        }
    }

    private HookReceiver(HttpServer server) {
        this.server = server;
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static HookReceiver start() {
        return on(ALLOWED, 0);
    }

    public static HookReceiver on(String address, int port) {
        try {
            return new HookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where chatr should post: {@code http://127.0.0.2:<port>/hook}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/hook";
    }

    /** How deliveries (not challenges) are answered from now on. */
    public HookReceiver answer(Function<Request, Reply> answer) {
        this.answer = answer;
        return this;
    }

    /** How challenges are answered from now on (by default: echoed, 200). */
    public HookReceiver challenge(Function<Request, Reply> challenge) {
        this.challenge = challenge;
        return this;
    }

    /** Every request so far, challenges included, in the order they came. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The deliveries so far: every request but the challenges. */
    public List<Request> deliveries() {
        return requests.stream().filter(request -> !"hook.verify".equals(request.type())).toList();
    }

    /** The deliveries about this message, in the order they came (one per attempt). */
    public List<Request> about(String messageId) {
        return deliveries().stream()
                .filter(request -> request.json().get("data") instanceof JsonObject data && messageId.equals(data.getString("id", null)))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            var headers = exchange.getRequestHeaders();
            Request request = new Request(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("user-agent"), headers.getFirst("content-type"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), Instant.now());
            requests.add(request);
            Reply reply = ("hook.verify".equals(request.type()) ? challenge : answer).apply(request);
            if (reply.hangs()) {
                released.await(1, TimeUnit.MINUTES);
                return;
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
