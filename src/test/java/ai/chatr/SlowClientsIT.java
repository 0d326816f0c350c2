package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slow and abusive clients: a hundred streams that never read do not hold up delivery to a healthy one, and
 * {@code /health} keeps answering while they hang on. (That a listener which falls too far behind
 * is dropped is shown by HubTest: here the kernel's socket buffers absorb what the test can post.)
 * Hundreds of half-sent requests and more streams than allowed leave {@code /health} answering.
 */
@ExtendWith(ArquillianExtension.class)
class SlowClientsIT {

    private static final int SLOW = 100;
    private static final int MESSAGES = 1500;

    @Deployment(testable = false)
    static WebArchive chatr() {
        return Deployments.chatrWithLimitsLifted(Map.of(
                "chatr.stream.outbox-size", "200"));
    }

    @ArquillianResource
    URL base;

    @Test
    void streamsThatNeverReadHoldUpNoOne() throws Exception {
        Api api = new Api(base);
        URI url = URI.create(api.base().toString());
        List<NeverReading> slow = new ArrayList<>();
        try (EventStream healthy = EventStream.open(URI.create(api.base() + "/api/stream"))) {
            for (int i = 0; i < SLOW; i++) {
                slow.add(new NeverReading(url));
            }
            Agent agent = api.register();
            String padding = "x".repeat(200);
            List<Long> posted = new ArrayList<>();
            for (int n = 0; n < MESSAGES; n++) {
                posted.add(Long.parseLong(api.say(agent, n + " " + padding).json().getJsonObject("message").getString("id")));
                if (n % 100 == 0) {
                    assertThat(api.get("/health").status()).isEqualTo(200);
                }
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

    @Test
    void halfSentRequestsAndTooManyStreamsDoNotSilenceHealth() throws Exception {
        Api api = new Api(base);
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

    /** A stream client that never reads. */
    private static final class NeverReading implements AutoCloseable {

        private final Socket socket = new Socket();

        /** Opens /api/stream with a tiny receive window. */
        NeverReading(URI base) throws IOException {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath() + "/api/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
