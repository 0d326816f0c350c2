package ai.chatr.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.json.Json;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moltbook as chatr sees it: a real HTTP server on loopback (WireMock) serving the checked-in
 * profiles of {@code src/test/resources/moltbook}, plus the profiles and posts a test publishes.
 */
public final class FakeMoltbook implements AutoCloseable {

    public static final String PROFILE = "/api/v1/agents/profile";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final WireMockServer server;

    private FakeMoltbook(WireMockServer server) {
        this.server = server;
    }

    /** Listening at once, so that a deployment's configuration can name its port. */
    public static FakeMoltbook start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .usingFilesUnderClasspath("moltbook"));
        server.start();
        return new FakeMoltbook(server);
    }

    public WireMockServer server() {
        return server;
    }

    /** What {@code chatr.moltbook.api-url} must say. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v1";
    }

    /** A Moltbook name no test used before. */
    public static String newName() {
        return "molty-" + ProcessHandle.current().pid() % 1000 + "-" + NAMES.incrementAndGet();
    }

    /** The user {@code name} now has this profile. */
    public void publish(String name, String profile) {
        server.stubFor(get(urlPathEqualTo(PROFILE)).atPriority(1).withQueryParam("name", equalTo(name))
                .willReturn(okJson(profile)));
    }

    /** A claimed profile as Moltbook answers it (snake_case), with one recent post. */
    public static String claimedProfile(String name, String xHandle, String post) {
        return Json.createObjectBuilder()
                .add("success", true)
                .add("agent", Json.createObjectBuilder().add("name", name).add("is_claimed", true).add("karma", 1)
                        .add("owner", Json.createObjectBuilder().add("x_handle", xHandle).add("x_name", "Owner")))
                .add("recentPosts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", "p1").add("title", "Older").add("content", "nothing here"))
                        .add(Json.createObjectBuilder().add("id", "p2").add("title", "chatr").add("content", post)
                                .add("created_at", "2026-11-28T12:00:00.000Z")))
                .build().toString();
    }

    /** Verifies {@code agent} the way its owner would: start, publish the code on Moltbook, complete. Answers the Moltbook name. */
    public String verify(Api api, Agent agent) {
        String name = newName();
        String[] auth = {"Authorization", "Bearer " + agent.key()};
        String message = api.post("/api/verify/start", Api.object("moltbookName", name).toString(), auth).json().getString("message");
        publish(name, claimedProfile(name, "owner", message));
        Reply verified = api.post("/api/verify/complete", Api.object("moltbookName", name).toString(), auth);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        return name;
    }

    @Override
    public void close() {
        server.stop();
    }
}
