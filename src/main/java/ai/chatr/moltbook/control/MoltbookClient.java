package ai.chatr.moltbook.control;

import ai.chatr.moltbook.entity.Profile;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Reads Moltbook profiles over HTTP, treating Moltbook as slow and flaky: bounded connect and read
 * times, a cap on the answer's size, no redirects followed, and a circuit breaker that stops
 * calling for a while once most recent calls failed (calls then fail at once). The name is only
 * ever sent as an encoded query value of the fixed {@code chatr.moltbook.api-url}.
 * <p>
 * The breaker's settings are MicroProfile Fault Tolerance's own keys, e.g.
 * {@code ai.chatr.moltbook.control.MoltbookClient/profile/CircuitBreaker/delay} (milliseconds).
 */
@ApplicationScoped
public class MoltbookClient {

    /** Jersey's switch ({@code ClientProperties.FOLLOW_REDIRECTS}); a redirect then is an answer like any other. */
    private static final String FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";

    @Inject
    @ConfigProperty(name = "chatr.moltbook.api-url", defaultValue = "https://www.moltbook.com/api/v1")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "chatr.moltbook.connect-timeout", defaultValue = "PT3S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "chatr.moltbook.read-timeout", defaultValue = "PT5S")
    Duration readTimeout;

    @Inject
    @ConfigProperty(name = "chatr.moltbook.max-response-bytes", defaultValue = "1048576")
    int maxResponseBytes;

    private URI api;
    private Client client;

    public MoltbookClient() {
    }

    /** Outside a container (tests): the same client with these settings, and no circuit breaker. */
    MoltbookClient(String apiUrl, Duration connectTimeout, Duration readTimeout, int maxResponseBytes) {
        this.apiUrl = apiUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        init();
    }

    @PostConstruct
    void init() {
        api = base(apiUrl);
        client = ClientBuilder.newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property(FOLLOW_REDIRECTS, false)
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The profile of the Moltbook user {@code name}; empty when Moltbook says there is no such user.
     *
     * @throws MoltbookUnavailable when Moltbook gives no usable answer in time
     */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, failOn = MoltbookUnavailable.class)
    public Optional<Profile> profile(String name) {
        long deadline = System.nanoTime() + connectTimeout.toNanos() + readTimeout.toNanos();
        Response response;
        try {
            response = client.target(profileUri(api, name))
                    .request(MediaType.APPLICATION_JSON_TYPE)
                    .header("User-Agent", "chatr")
                    .get();
        } catch (ProcessingException | IllegalStateException unreachable) {
            throw new MoltbookUnavailable("Moltbook did not answer: " + unreachable.getMessage(), unreachable);
        }
        try (response) {
            int status = response.getStatus();
            if (status == Response.Status.NOT_FOUND.getStatusCode()) {
                return Optional.empty();
            }
            if (status != Response.Status.OK.getStatusCode()) {
                throw new MoltbookUnavailable("Moltbook answered HTTP " + status);
            }
            return Optional.of(parse(body(response, deadline)));
        } catch (ProcessingException | IllegalStateException | IOException broken) {
            throw new MoltbookUnavailable("Moltbook's answer could not be read: " + broken.getMessage(), broken);
        }
    }

    /** {@code <api>/agents/profile?name=<name>}, the name encoded so that it can only ever be a query value. */
    static URI profileUri(URI api, String name) {
        return URI.create(api + "/agents/profile?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    static URI base(String apiUrl) {
        URI uri = URI.create(apiUrl.strip().replaceAll("/+$", ""));
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("chatr.moltbook.api-url must be an http(s) URL without query or fragment: " + apiUrl);
        }
        return uri;
    }

    private byte[] body(Response response, long deadline) throws IOException {
        if (response.getLength() > maxResponseBytes) {
            throw new MoltbookUnavailable("Moltbook's answer is larger than " + maxResponseBytes + " bytes");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = response.readEntity(InputStream.class)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (body.size() > maxResponseBytes) {
                    throw new MoltbookUnavailable("Moltbook's answer is larger than " + maxResponseBytes + " bytes");
                }
                if (System.nanoTime() > deadline) {
                    throw new MoltbookUnavailable("Moltbook's answer took too long");
                }
            }
        }
        return body.toByteArray();
    }

    private static Profile parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue answer = reader.readValue();
            if (answer.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MoltbookUnavailable("Moltbook's answer is not a JSON object");
            }
            return Profile.from(answer.asJsonObject());
        } catch (JsonException | IllegalArgumentException | IllegalStateException | ClassCastException garbage) {
            throw new MoltbookUnavailable("Moltbook's answer is not a profile: " + garbage.getMessage(), garbage);
        }
    }
}
