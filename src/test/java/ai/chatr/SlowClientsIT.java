package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.SharedChatr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Slow and abusive clients: a hundred streams that never read do not hold up delivery to a healthy one, and
 * {@code /health} keeps answering while they hang on; a stream that falls too far behind is closed, and
 * resuming it loses nothing. Hundreds of half-sent requests and more streams than allowed leave
 * {@code /health} answering.
 */
@ExtendWith(SharedChatr.class)
@ResourceLock(SlowClientsIT.WHOLE_MACHINE)
class SlowClientsIT {

    /**
     * Held while this class runs: whether {@code /health} still answers within its time beside hundreds of
     * abusive connections depends on the machine's CPU, so nothing that crashes and restarts chatr runs beside it.
     */
    static final String WHOLE_MACHINE = "the machine's CPU";

    private static final int SLOW = 100;
    private static final int MESSAGES = 1500;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.stream.outbox-size", "200",
                "chatr.stream.replay-window", "10000")); // a stream cut off after thousands of messages may resume
    }

    @SharedChatr.Served
    Api api;

    @Test
    void streamsThatNeverReadHoldUpNoOne() throws Exception {
        URI url = URI.create(api.base().toString());
        List<NeverReading> slow = new ArrayList<>();
        try (EventStream healthy = EventStream.open(URI.create(api.base() + "/api/stream"))) {
            for (int i = 0; i < SLOW; i++) {
                slow.add(new NeverReading(url));
            }
            Agent agent = api.register();
            String padding = "x".repeat(200);
            ExecutorService posters = Executors.newFixedThreadPool(4);
            List<Long> posted;
            try {
                posted = java.util.stream.IntStream.range(0, 4).mapToObj(poster -> CompletableFuture.supplyAsync(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int n = poster; n < MESSAGES; n += 4) { // four posters at once
                        ids.add(Long.parseLong(api.say(agent, n + " " + padding).json().getJsonObject("message").getString("id")));
                        if (n % 100 == poster) {
                            assertThat(api.get("/health").status()).isEqualTo(200);
                        }
                    }
                    return ids;
                }, posters)).toList().stream().flatMap(ids -> ids.join().stream()).sorted().toList();
            } finally {
                posters.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(healthy.messageIds())
                    .as("the healthy stream, %d of %d so far", healthy.messageIds().size(), posted.size())
                    .hasSizeGreaterThanOrEqualTo(posted.size()));
            assertThat(healthy.messageIds()).endsWith(posted.toArray(Long[]::new));
        } finally {
            for (NeverReading client : slow) {
                client.close();
            }
        }
    }

    /**
     * A listener that stops reading is cut off once the socket buffers for it are full and
     * {@code chatr.stream.outbox-size} more frames wait (or a write has made no progress for 10 s),
     * having been sent about 2 MB of the 5 MB posted: reading what it was sent, it finds
     * an unbroken run of the messages, then the end of the stream; resuming from the last one, it
     * gets all the rest.
     */
    @Test
    void aStreamThatFallsTooFarBehindIsClosedAndResumesWithoutLoss() throws Exception {
        Agent agent = api.register();
        String lobster = "\uD83E\uDD9E"; // 4 bytes
        ExecutorService posters = Executors.newFixedThreadPool(4);
        try (NeverReading behind = new NeverReading(URI.create(api.base().toString()), "HTTP/1.0")) {
            List<Long> posted = java.util.stream.IntStream.range(0, 4).mapToObj(poster -> CompletableFuture.supplyAsync(() -> {
                List<Long> ids = new ArrayList<>();
                for (int n = poster; n < 4000; n += 4) { // four posters at once: the stream falls behind sooner
                    String number = n + " ";
                    String kilobyte = number + lobster.repeat(250 - number.length()); // 250 characters, one repeat of none
                    ids.add(Long.parseLong(api.say(agent, kilobyte).json().getJsonObject("message").getString("id")));
                }
                return ids;
            }, posters)).toList().stream().flatMap(ids -> ids.join().stream()).sorted().toList();
            List<Long> received = behind.readToTheEnd().stream().filter(new HashSet<>(posted)::contains).toList();
            assertThat(received).as("what the stalled stream got before it was closed")
                    .isNotEmpty()
                    .hasSizeLessThan(posted.size())
                    .isEqualTo(posted.subList(0, received.size()));

            String resumeAfter = String.valueOf(received.get(received.size() - 1));
            try (EventStream resumed = EventStream.open(URI.create(api.base() + "/api/stream"), "Last-Event-ID", resumeAfter)) {
                List<Long> rest = posted.subList(received.size(), posted.size());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(resumed.messageIds())
                        .as("the resumed stream").hasSizeGreaterThanOrEqualTo(rest.size()));
                assertThat(resumed.messageIds()).isEqualTo(rest);
            }
        } finally {
            posters.shutdownNow();
        }
    }

    @Test
    void halfSentRequestsAndTooManyStreamsDoNotSilenceHealth() throws Exception {
        URI url = URI.create(api.base().toString());
        List<Socket> abusive = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                abusive.add(halfSent(url, "POST /api/register HTTP/1.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 10000\r\n\r\n{\"na"));
                abusive.add(halfSent(url, "GET /health HTTP/1.1\r\nX-Never-Ending: a"));
            }
            for (int i = 0; i < 20; i++) {
                abusive.add(halfSent(url, "GET /api/stream HTTP/1.1\r\n\r\n"));
            }
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            }
        } finally {
            for (Socket socket : abusive) {
                socket.close();
            }
        }
    }

    /** A connection that sends the start of a request, after the Host header, and then nothing more. */
    private static Socket halfSent(URI base, String request) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        String withHost = request.replaceFirst("\r\n", "\r\nHost: " + base.getHost() + "\r\n");
        socket.getOutputStream().write(withHost.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** A stream client that does not read (until it is told to read what it was sent). */
    private static final class NeverReading implements AutoCloseable {

        private final Socket socket = new Socket();

        NeverReading(URI base) throws IOException {
            this(base, "HTTP/1.1");
        }

        /**
         * Opens /api/stream with a tiny receive window; over HTTP/1.0, the body is sent as is (not
         * chunked) and its end is the end of the connection.
         */
        NeverReading(URI base, String version) throws IOException {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath() + "/api/stream " + version + "\r\nHost: " + base.getHost() + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /**
         * Reads everything the server sent, up to the end of the stream, and returns the event ids
         * in it; fails if the stream is still open after a minute.
         */
        List<Long> readToTheEnd() throws IOException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            socket.setSoTimeout(1000);
            ByteArrayOutputStream everything = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int read = 0; read >= 0; ) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The server kept the stalled stream open; it sent " + everything.size() + " bytes");
                }
                try {
                    read = socket.getInputStream().read(buffer);
                    everything.write(buffer, 0, Math.max(0, read));
                } catch (SocketTimeoutException nothingYet) {
                    read = 0;
                }
            }
            return everything.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("id:"))
                    .map(line -> Long.parseLong(line.substring(3).trim()))
                    .toList();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
