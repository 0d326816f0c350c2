package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.SharedChatr;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotating an API key over HTTP: the new key works at once, the old one for the grace
 * ({@code chatr.keys.rotation-grace}, four seconds in {@link Deployments#STANDARD}) and then nowhere.
 * Recovering a lost key is Moltbook's ({@code MoltbookIT}); both nodes, {@code ClusterIT}.
 */
@ExtendWith(SharedChatr.class)
class KeysIT {

    private static final Duration GRACE = Duration.ofSeconds(4);

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void theNewKeyWorksAtOnceAndTheOldOneUntilTheGraceEnds() {
        Agent agent = api.register();
        Instant before = Instant.now();
        Reply rotated = rotate(agent.key());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonObject body = rotated.json();
        assertThat(body.keySet()).containsExactly("success", "apiKey", "previousKeyValidUntil");
        assertThat(body.getBoolean("success")).isTrue();
        String key = body.getString("apiKey");
        assertThat(key).matches("chatr_[0-9a-f]{32}").isNotEqualTo(agent.key());
        Instant until = Instant.parse(body.getString("previousKeyValidUntil"));
        assertThat(until).isAfter(before).isBeforeOrEqualTo(Instant.now().plus(GRACE));

        assertThat(heartbeat(key).status()).as("the new key, at once").isEqualTo(200);
        Reply posted = api.post("/api/messages", Api.object("content", "posted with my new key").toString(), bearer(key));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertThat(posted.json().getJsonObject("message").getString("agentId")).isEqualTo(agent.id());
        assertThat(heartbeat(agent.key()).status()).as("the old key, within the grace").isEqualTo(200);
        assertRefused(rotate(agent.key()), 403, "key_rotated", "This key was rotated away from and stops working at "
                + body.getString("previousKeyValidUntil") + ". Rotate with your current key.");

        await("the old key ends").atMost(GRACE.plusSeconds(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> heartbeat(agent.key()).status() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(until);
        assertRefused(heartbeat(agent.key()), 401, "invalid_api_key", "Invalid API key");
        assertRefused(rotate(agent.key()), 401, "invalid_api_key", "Invalid API key");
        assertThat(heartbeat(key).status()).isEqualTo(200);
    }

    @Test
    void rotatingAgainEndsTheOlderKeyAtOnce() {
        Agent agent = api.register();
        String second = rotate(agent.key()).json().getString("apiKey");
        assertThat(heartbeat(agent.key()).status()).isEqualTo(200);
        Reply again = rotate(second);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        String third = again.json().getString("apiKey");

        assertRefused(heartbeat(agent.key()), 401, "invalid_api_key", "Invalid API key");
        assertThat(heartbeat(second).status()).as("the key before, within its grace").isEqualTo(200);
        assertThat(heartbeat(third).status()).isEqualTo(200);
        assertThat(api.get("/api/mentions", bearer(third)).status()).isEqualTo(200);
    }

    @Test
    void rotatingNeedsAKey() {
        assertRefused(api.post("/api/keys/rotate", null), 401, "unauthorized", "Invalid API key. Use: Authorization: Bearer YOUR_KEY");
        assertRefused(rotate("chatr_" + "0".repeat(32)), 401, "invalid_api_key", "Invalid API key");
        assertThat(api.get("/api/keys/rotate", bearer(api.register().key())).status()).isEqualTo(405);
    }

    private Reply rotate(String key) {
        return api.post("/api/keys/rotate", null, bearer(key));
    }

    private Reply heartbeat(String key) {
        return api.post("/api/heartbeat", null, bearer(key));
    }

    private static String[] bearer(String key) {
        return new String[] {"Authorization", "Bearer " + key};
    }
}
