package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an attacker tried against a default chatr, and what chatr does now: bodies sent a byte at a
 * time from many addresses, JSON nested a thousand deep, bodies a web page on another origin can send,
 * and asking the container to describe itself.
 */
@ExtendWith(SharedChatr.class)
class HostileClientsIT {

    private static final int SLOW_CLIENTS = 250;
    private static final int ADDRESSES = 10;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void halfSentBodiesFromManyAddressesNeitherSilenceChatrNorFillItsLog() throws Exception {
        SharedChatr.Server server = SharedChatr.server(getClass());
        long logBefore = server.logBytes();
        Agent healthy = api.register();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(halfSent("127.0.9." + (1 + i % ADDRESSES)));
            }
            HttpClient client = HttpClient.newHttpClient();
            long start = System.nanoTime();
            AtomicInteger round = new AtomicInteger();
            // the healthy client, every 250 ms for 13 s, must be answered every time: a failure after the first
            // moments leaves too little of the 13.9 s for another unbroken 13 s, so it fails the test
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .during(Duration.ofSeconds(13)).atMost(Duration.ofMillis(13_900)).untilAsserted(() -> {
                        // a byte from each every 2 s, until shortly before the 10 s the body may take
                        if (round.getAndIncrement() % 8 == 0 && System.nanoTime() - start < Duration.ofSeconds(7).toNanos()) {
                            trickle(slow);
                        }
                        assertThat(answeredWithinASecond(client, HttpRequest.newBuilder(api.base().resolve("/health")).GET()))
                                .as("/health while %d bodies trickle in", SLOW_CLIENTS).isEqualTo(200);
                        assertThat(answeredWithinASecond(client, HttpRequest.newBuilder(api.base().resolve("/api/messages"))
                                .header("Authorization", "Bearer " + healthy.key()).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"still here " + round.get() + "\"}"))))
                                .as("a post while %d bodies trickle in", SLOW_CLIENTS).isEqualTo(200);
                    });
            for (Socket socket : slow) {
                assertThat(answer(socket)).as("a body still not whole after 10 s")
                        .startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(server.logBytes() - logBefore).as("what the log grew by").isLessThan(64 * 1024);
    }

    @Test
    void aClientThatGivesUpHalfWayLeavesNothingBehind() throws Exception {
        SharedChatr.Server server = SharedChatr.server(getClass());
        long logBefore = server.logBytes();
        for (int i = 0; i < 50; i++) {
            halfSent("127.0.9.20").close();
        }
        Agent after = api.register();
        assertThat(api.say(after, "nobody noticed").status()).isEqualTo(200);
        assertThat(server.logBytes() - logBefore).as("what the log grew by").isLessThan(8 * 1024);
    }

    @Test
    void jsonNestedTooDeeplyIsA400EverywhereAndAJsonRpcErrorOnMcp() {
        Agent agent = api.register();
        String deep = "[".repeat(1000) + "]".repeat(1000);
        for (String path : List.of("/api/register", "/api/messages", "/api/channels", "/api/verify/start", "/api/verify/complete")) {
            Reply reply = api.post(path, deep, "Authorization", "Bearer " + agent.key());
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.code()).as(path).isEqualTo("invalid_request");
            assertThat(reply.json().getString("error")).as(path).contains("nested too deeply");
        }
        String deepArguments = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"post_message\",\"arguments\":"
                + "{\"content\":".repeat(500) + "1" + "}".repeat(500) + "}}";
        for (String body : List.of(deep, deepArguments)) {
            Reply mcp = api.post("/mcp", body, "Accept", "application/json, text/event-stream");
            assertThat(mcp.status()).isEqualTo(400);
            JsonObject error = mcp.json().getJsonObject("error");
            assertThat(error.getInt("code")).as("a JSON-RPC parse error").isEqualTo(-32700);
            assertThat(error.getString("message")).contains("nested too deeply");
        }
    }

    @Test
    void aBodyNotDeclaredAsJsonChangesNothing() {
        String name = Api.uniqueName("crosssite");
        String body = "{\"name\":\"" + name + "\"}";
        // what a page on another origin can send without a preflight: no type, or a "simple" one
        for (String type : List.of("", "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            Reply reply = api.send("POST", "/api/register", HttpRequest.BodyPublishers.ofString(body), "Content-Type", type);
            assertThat(reply.status()).as("Content-Type: '%s'", type).isEqualTo(415);
            assertThat(reply.code()).isEqualTo("unsupported_media_type");
        }
        Agent agent = api.register();
        Reply post = api.send("POST", "/api/messages", HttpRequest.BodyPublishers.ofString("{\"content\":\"" + name + "\"}"),
                "Authorization", "Bearer " + agent.key(), "Content-Type", "text/plain");
        assertThat(post.status()).isEqualTo(415);
        assertThat(api.get("/api/messages?limit=100").raw().body()).as("nothing was posted").doesNotContain(name);
        assertThat(api.post("/api/register", body).status()).as("nobody registered the name").isEqualTo(200);
        assertThat(api.post("/api/heartbeat", null, "Authorization", "Bearer " + agent.key()).status())
                .as("a POST without a body needs no type").isEqualTo(200);
    }

    @Test
    void theContainerDescribesNothing() {
        for (String path : List.of("/application.wadl", "/openapi/application.wadl",
                "/api/application.wadl")) {
            Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isIn(403, 404);
            assertThat(reply.json().getBoolean("success")).as(path).isFalse();
            assertThat(reply.raw().body()).as(path).doesNotContainIgnoringCase("jersey");
        }
    }

    /** A connection that sent the head of a registration and the first bytes of its 5000-byte body. */
    private Socket halfSent(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(api.base().getHost(), api.base().getPort()), 5000);
        socket.getOutputStream().write(("POST /api/register HTTP/1.1\r\nHost: chatr\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000\r\n\r\n{\"name\":\"").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void trickle(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.getOutputStream().write('a');
            socket.getOutputStream().flush();
        }
    }

    private static int answeredWithinASecond(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The server's answer: its head and its JSON body (the connection may stay open for the rest of the body). */
    private static String answer(Socket socket) throws IOException {
        socket.setSoTimeout(15_000);
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        byte[] chunk = new byte[1024];
        while (!(answer.indexOf("\r\n\r\n") > 0 && answer.toString().endsWith("}"))) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            answer.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
        }
        return answer.toString();
    }
}
