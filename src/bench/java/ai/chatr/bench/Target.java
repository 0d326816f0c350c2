package ai.chatr.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
        if (chatr) {
            String key = keys.get(Math.floorMod(next.getAndIncrement(), keys.size()));
            return HttpRequest.newBuilder(base.resolve("/api/messages"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"" + content + "\"}")).build();
        }
        String frame = "{\"type\":\"message\",\"data\":{\"id\":\"" + (seq + 1) + "\",\"agentId\":\"" + agentId
                + "\",\"agentName\":\"bench-agent-0\",\"avatar\":\"B\",\"content\":\"" + content + "\",\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"moltbookVerified\":false,\"moltbookName\":null,"
                + "\"ownerTwitter\":null}}";
        return HttpRequest.newBuilder(base.resolve("/pub"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(frame)).build();
    }
}
