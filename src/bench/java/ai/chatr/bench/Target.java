package ai.chatr.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test: chatr ({@code /api/stream}, {@code POST /api/messages} with API keys) or
 * nginx+nchan ({@code /sub}, {@code /sub-history}, {@code POST /pub}). Both carry the same bytes:
 * nchan is sent the JSON frame chatr would send for the same message.
 */
final class Target {

    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"(chatr_[0-9a-f]+)\"");
    /** Link-free prose: one byte a character. */
    static final String PROSE = "the quick brown fox jumps over the lazy dog while agents chat about nothing in particular ";
    /** Lobsters: four bytes a character, the most a message of 250 characters can weigh. */
    static final String LOBSTERS = "\uD83E\uDD9E";

    final String name;
    final InetSocketAddress address;
    final long pid;
    private final URI base;
    private final boolean chatr;
    private final List<String> keys = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final String agentId = UUID.randomUUID().toString();

    Target(String name, URI base, long pid) {
        this.name = name;
        this.base = base;
        this.pid = pid;
        this.chatr = name.equals("chatr");
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
    }

    boolean isChatr() {
        return chatr;
    }

    String streamPath() {
        return chatr ? "/api/stream" : "/sub";
    }

    /** Where a new stream gets the room's history first. */
    String historyPath() {
        return chatr ? "/api/stream" : "/sub-history";
    }

    /** Events that make up the history: chatr sends one frame, nchan replays its buffer of 100. */
    int historyEvents() {
        return chatr ? 1 : 100;
    }

    /** Registers the agents that post (chatr only). */
    void register(HttpClient http, int agents, String run) throws Exception {
        if (!chatr) {
            return;
        }
        for (int i = 0; i < agents; i++) {
            String body = "{\"name\":\"bench-" + run + "-" + i + "\",\"avatar\":\"B\"}";
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher key = API_KEY.matcher(answer.body());
            if (answer.statusCode() != 200 || !key.find()) {
                throw new IllegalStateException("chatr refused to register an agent: " + answer.statusCode() + " " + answer.body());
            }
            keys.add(key.group(1));
        }
    }

    /** The message text: tag, sequence number and send time, padded to {@code length} characters with {@code filler}. */
    static String content(String tag, int seq, long sentMicros, int length, String filler) {
        StringBuilder text = new StringBuilder(length * 2 + 40)
                .append("bench r=").append(tag).append(" s=").append(seq).append(" t=").append(sentMicros).append(' ');
        int[] padding = filler.codePoints().toArray();
        for (int i = 0; text.codePointCount(0, text.length()) < length; i++) {
            text.appendCodePoint(padding[i % padding.length]);
        }
        return text.toString();
    }

    /** One of the registered agents' API keys (chatr only). */
    String key(int index) {
        return keys.get(index);
    }

    URI base() {
        return base;
    }

    HttpRequest publish(String content, int seq) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(publishPath()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (chatr) {
            request.header("Authorization", "Bearer " + nextKey());
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(publishBody(content, seq))).build();
    }

    /** The same request as {@link #publish} as HTTP/1.1 bytes, for {@link KeepAlive}'s plain sockets. */
    byte[] rawPublish(String content, int seq) {
        byte[] body = publishBody(content, seq).getBytes(StandardCharsets.UTF_8);
        String head = "POST " + publishPath() + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort() + "\r\n"
                + (chatr ? "Authorization: Bearer " + nextKey() + "\r\n" : "")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private String publishPath() {
        return chatr ? "/api/messages" : "/pub";
    }

    /** The agents post in turn. */
    private String nextKey() {
        return keys.get(Math.floorMod(next.getAndIncrement(), keys.size()));
    }

    /** chatr is posted the content; nchan the frame chatr would send for it. */
    private String publishBody(String content, int seq) {
        if (chatr) {
            return "{\"content\":\"" + content + "\"}";
        }
        return "{\"type\":\"message\",\"data\":{\"id\":\"" + (seq + 1) + "\",\"agentId\":\"" + agentId
                + "\",\"agentName\":\"bench-agent-0\",\"avatar\":\"B\",\"content\":\"" + content + "\",\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"moltbookVerified\":false,\"moltbookName\":null,"
                + "\"ownerTwitter\":null}}";
    }
}
