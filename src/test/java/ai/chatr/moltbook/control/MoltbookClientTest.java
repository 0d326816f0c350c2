package ai.chatr.moltbook.control;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.moltbook.entity.Profile;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Moltbook client against the fake Moltbook (the checked-in WireMock mappings) over real
 * HTTP, with the JAX-RS client Payara ships, outside any container (so without the breaker).
 */
class MoltbookClientTest {

    /** Timeouts for the hanging cases; the others get generous ones, since the machine may be busy. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final WireMockServer MOLTBOOK = new WireMockServer(options()
            .bindAddress("127.0.0.1").dynamicPort().usingFilesUnderClasspath("moltbook"));

    private static MoltbookClient client;
    private static MoltbookClient impatient;

    @BeforeAll
    static void start() {
        MOLTBOOK.start();
        String api = "http://127.0.0.1:" + MOLTBOOK.port() + "/api/v1/";
        client = new MoltbookClient(api, Duration.ofSeconds(10), Duration.ofSeconds(10), 64 * 1024);
        impatient = new MoltbookClient(api, Duration.ofSeconds(1), READ_TIMEOUT, 64 * 1024);
        impatient.profile("warm-up"); // the first call of a client sets Jersey up: not what the hanging cases time
    }

    @AfterAll
    static void stop() {
        client.close();
        impatient.close();
        MOLTBOOK.stop();
    }

    @BeforeEach
    void forget() {
        MOLTBOOK.resetRequests();
    }

    @Test
    void readsAClaimedProfile() {
        Profile profile = client.profile("claimed-bot").orElseThrow();
        assertThat(profile.claimed()).isTrue();
        assertThat(profile.ownerXHandle()).isEqualTo("claimed_owner");
        assertThat(profile.mentions("[NOTACODE]")).isTrue();
        LoggedRequest sent = MOLTBOOK.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(sent.getUrl()).isEqualTo("/api/v1/agents/profile?name=claimed-bot");
        assertThat(sent.getHeader("Accept")).contains("application/json");
    }

    @Test
    void readsCamelCaseAndUnclaimedProfiles() {
        assertThat(client.profile("camel-bot").orElseThrow().ownerXHandle()).isEqualTo("camel_owner");
        assertThat(client.profile("unclaimed-bot").orElseThrow().claimed()).isFalse();
    }

    @Test
    void anUnknownUserIsNoProfile() {
        assertThat(client.profile("nobody-here")).isEmpty();
    }

    @Test
    void hostileNamesAreOnlyEverAnEncodedQueryValue() {
        List<String> names = List.of("../admin", "a/b", "a?x=1", "a#x", "a%2f", "@evil.com", "a\r\nHost: evil.com",
                "..%2F..%2Fadmin", "x&name=claimed-bot", "{name}", "a b+c", "ü 🦞", "//evil.com/x");
        for (String name : names) {
            URI uri = MoltbookClient.profileUri(URI.create("https://moltbook.example/api/v1"), name);
            assertThat(uri.getHost()).as(name).isEqualTo("moltbook.example");
            assertThat(uri.getRawPath()).as(name).isEqualTo("/api/v1/agents/profile");
            assertThat(uri.getRawFragment()).as(name).isNull();
            assertThat(uri.getRawQuery()).as(name).startsWith("name=").doesNotContain("&", "#", "/", "?", "\r", "\n", " ");

            assertThat(client.profile(name)).as(name).isEmpty();
        }
        List<LoggedRequest> sent = MOLTBOOK.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(sent.get(i).getUrl()).startsWith("/api/v1/agents/profile?name=");
            assertThat(sent.get(i).queryParameter("name").values()).as(names.get(i)).containsExactly(names.get(i));
            assertThat(sent.get(i).getHeader("Host")).isEqualTo("127.0.0.1:" + MOLTBOOK.port());
        }
    }

    @Test
    void errorsRedirectsAndGarbageAreUnavailability() {
        for (String name : List.of("broken-bot", "locked-bot", "garbage-bot", "redirect-bot")) {
            assertThatThrownBy(() -> client.profile(name)).as(name).isInstanceOf(MoltbookUnavailable.class);
        }
        assertThat(MOLTBOOK.findAll(getRequestedFor(urlPathMatching("/elsewhere/.*")))).as("redirects are not followed").isEmpty();
    }

    @Test
    void answersOverTheCapAreRefusedWhetherTheirLengthIsDeclaredOrNot() {
        assertThatThrownBy(() -> client.profile("huge-bot")).isInstanceOf(MoltbookUnavailable.class)
                .hasMessageContaining("larger than");
        String big = "{\"agent\": {\"is_claimed\": true}, \"recentPosts\": [{\"content\": \"" + "x".repeat(200_000) + "\"}]}";
        MOLTBOOK.stubFor(get(urlPathEqualTo("/api/v1/agents/profile")).atPriority(1)
                .withQueryParam("name", equalTo("chunked-bot"))
                .willReturn(okJson(big).withChunkedDribbleDelay(50, 200)));
        assertThatThrownBy(() -> client.profile("chunked-bot")).isInstanceOf(MoltbookUnavailable.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void aHangingMoltbookIsGivenUpOnAfterTheReadTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.profile("slow-bot")).isInstanceOf(MoltbookUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READ_TIMEOUT.plusSeconds(1));
    }

    @Test
    void aBodyDribblingInPastTheDeadlineIsGivenUpOn() {
        MOLTBOOK.stubFor(get(urlPathEqualTo("/api/v1/agents/profile")).atPriority(1)
                .withQueryParam("name", equalTo("dribble-bot"))
                .willReturn(aResponse().withStatus(200).withBody("{\"agent\": {\"is_claimed\": true}}" + " ".repeat(40))
                        .withChunkedDribbleDelay(40, 8000)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.profile("dribble-bot")).isInstanceOf(MoltbookUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("connect + read timeout, plus one read at most")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aMoltbookThatIsNotThereIsUnavailable() {
        MoltbookClient nowhere = new MoltbookClient("http://127.0.0.1:" + freePort() + "/api/v1",
                Duration.ofSeconds(1), READ_TIMEOUT, 1024);
        try {
            assertThatThrownBy(() -> nowhere.profile("claimed-bot")).isInstanceOf(MoltbookUnavailable.class);
        } finally {
            nowhere.close();
        }
    }

    @Test
    void theBaseUrlMustBeAPlainHttpUrl() {
        assertThat(MoltbookClient.base("https://moltbook.example/api/v1//")).isEqualTo(URI.create("https://moltbook.example/api/v1"));
        for (String bad : List.of("ftp://x/api", "file:///etc/passwd", "https://x/api?name=y", "https://x/api#f", "/api/v1")) {
            assertThatThrownBy(() -> MoltbookClient.base(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
