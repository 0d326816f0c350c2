package ai.chatr.agents.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.ApiException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys();

    @Test
    void keysAreChatrAnd32HexDigitsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = keys.generate();
            assertThat(key).matches("chatr_[0-9a-f]{32}");
            assertThat(seen.add(key)).isTrue();
        }
    }

    @Test
    void onlyAHashIsKeptAndItIsStable() {
        String key = keys.generate();
        assertThat(keys.hash(key)).matches("[0-9a-f]{64}").isEqualTo(keys.hash(key)).doesNotContain(key.substring(6));
        assertThat(keys.hash("chatr_00000000000000000000000000000000"))
                .as("SHA-256, hex")
                .isEqualTo("161c4f365184e0a4c9196977b4caf3cb73f36a2c9bae94b6b5f378fbbbbebdd8");
    }

    @Test
    void bearerAndTheLegacyHeaderAreBothAccepted() {
        String key = keys.generate();
        assertThat(keys.presented("Bearer " + key, null)).isEqualTo(key);
        assertThat(keys.presented("bearer  " + key + " ", null)).isEqualTo(key);
        assertThat(keys.presented(null, key)).isEqualTo(key);
    }

    @Test
    void malformedKeysAreRefusedBeforeAnyLookup() {
        for (String[] headers : new String[][] {{null, null}, {"Bearer", null}, {"Bearer chatr_xyz", null},
                {"Basic abc", null}, {"Bearer chatr_" + "A".repeat(32), null}, {null, "chatr_" + "0".repeat(31)}}) {
            assertThatThrownBy(() -> keys.presented(headers[0], headers[1]))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("unauthorized");
                    });
        }
    }
}
