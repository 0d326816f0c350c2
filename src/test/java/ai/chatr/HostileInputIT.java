package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fuzzer over every endpoint's bodies, headers and query parameters: whatever a client sends,
 * chatr answers without a 5xx, and every refusal is the JSON error body. The seed is printed with
 * any failure ({@code -Dchatr.fuzz.seed} replays it).
 */
@ExtendWith(SharedChatr.class)
class HostileInputIT {

    private static final int ROUNDS = Integer.getInteger("chatr.fuzz.rounds", 400);

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD; // its Moltbook refuses connections
    }

    @SharedChatr.Served
    Api api;
    Agent agent;
    final long seed = Long.getLong("chatr.fuzz.seed", System.nanoTime());
    final Random random = new Random(seed);

    @BeforeEach
    void connect() {
        agent = api.register();
    }

    @Test
    void noRequestBodyHeaderOrParameterGetsA5xx() {
        List<String> paths = List.of("/api/register", "/api/messages", "/api/heartbeat", "/api/disconnect",
                "/api/verify/start", "/api/verify/complete", "/api/agents", "/api/agents/me", "/health");
        for (int i = 0; i < ROUNDS; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            String method = pick("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH");
            List<String> headers = new ArrayList<>();
            if (random.nextInt(4) > 0) {
                headers.add("Authorization");
                headers.add(random.nextBoolean() ? "Bearer " + agent.key()
                        : headerSafe(pick("Bearer x", "Bearer " + junk(), "x" + junk(), "Bearer chatr_" + junk())));
            }
            if (random.nextInt(5) > 0) {
                headers.add("Content-Type");
                headers.add(pick("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
                        "application/json; charset=" + junkToken(), junkToken() + "/" + junkToken(), "multipart/form-data; boundary=x",
                        "application/json; charset=latin1", "*/*", "application/json;;;"));
            }
            if (random.nextBoolean()) {
                headers.add(pick("X-Forwarded-For", "X-API-Key", "Last-Event-ID", "Accept", "X-" + junkToken()));
                headers.add("x" + headerSafe(junk()));
            }
            String body = body();
            Reply reply = api.send(method, path, HttpRequest.BodyPublishers.ofString(body), headers.toArray(String[]::new));
            assertAnsweredWell(reply, method + " " + path + " " + headers + " " + body);
        }
    }

    @Test
    void noQueryParameterGetsA5xx() {
        for (int i = 0; i < ROUNDS; i++) {
            String query = param("limit") + "&" + param("before") + "&" + param("after") + "&" + param(junkToken());
            Reply reply = api.get("/api/messages?" + query);
            assertAnsweredWell(reply, "GET /api/messages?" + query);
        }
    }

    @Test
    void noResumePointGetsA5xx() {
        for (int i = 0; i < 60; i++) {
            String lastEventId = pick(junk(), "-1", "9223372036854775807", "99999999999999999999", "1e3", " 5 ", "");
            String query = random.nextBoolean() ? "" : "?lastEventId=" + encode(junk());
            try (EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream" + query),
                    "Last-Event-ID", headerSafe(lastEventId))) {
                assertThat(stream.status()).as("seed %d: Last-Event-ID %s %s", seed, lastEventId, query).isLessThan(500);
            }
        }
    }

    private void assertAnsweredWell(Reply reply, String request) {
        boolean moltbookUnreachable = request.contains("/api/verify/complete") && reply.status() == 502;
        assertThat(reply.status()).as("seed %d: %s -> %s", seed, request, reply).satisfiesAnyOf(
                status -> assertThat(status).isLessThan(500),
                status -> assertThat(moltbookUnreachable).isTrue());
        if (reply.status() >= 400) {
            assertThat(reply.header("Content-Type").orElse("")).as("seed %d: %s -> %s", seed, request, reply)
                    .startsWith("application/json");
            JsonObject error = reply.json();
            assertThat(error.getBoolean("success")).as("seed %d: %s", seed, request).isFalse();
            assertThat(error.getString("error")).isNotBlank();
            assertThat(error.getString("code")).matches("[a-z_]+");
        }
    }

    private String body() {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> junk();
            case 2 -> {
                String json = object();
                yield json.substring(0, random.nextInt(json.length() + 1));
            }
            case 3 -> "[" + value(2) + "]";
            default -> object();
        };
    }

    private String object() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(4);
        for (int f = 0; f < fields; f++) {
            String name = pick("name", "avatar", "content", "moltbookName", junkToken());
            json.append(f > 0 ? "," : "").append(quote(name)).append(':').append(value(3));
        }
        return json.append('}').toString();
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> pick("0", "-1", "1e400", "3.14", "12345678901234567890");
            case 3, 4 -> quote(pick(junk(), "ok_name_" + random.nextInt(1_000_000), "hello", "https://example.com", "a".repeat(300)));
            case 5 -> "[" + value(depth - 1) + "]";
            default -> "{" + quote(junkToken()) + ":" + value(depth - 1) + "}";
        };
    }

    /** Text with the characters that break naive code: quotes, controls, surrogates, bidi, emoji, NUL. */
    private String junk() {
        String[] parts = {"'", "\"", "\\", "\n", "\r", "\t", "\u0000", "\uD800", "\uDC00", "\u202E", "\u200B", "\uFEFF", "🦞",
                "<script>", "%00", "%", "../", "${x}", "{{x}}", "é", "ｅ", "\u2028", "😀😀", " ", "0", "-", "_", "x"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }

    private String junkToken() {
        return "f" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private String param(String name) {
        return name + "=" + encode(pick(junk(), "1", "0", "-5", "100", "abc", "99999999999999999999", ""));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** What HTTP lets a header carry: no CR, LF or other controls (those never reach the server). */
    private static String headerSafe(String text) {
        return text.replaceAll("[\\x00-\\x1F\\x7F]", "").replaceAll("[^\\x20-\\x7E]", "?").strip();
    }

    /** A JSON string literal with everything escaped that JSON requires. */
    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
