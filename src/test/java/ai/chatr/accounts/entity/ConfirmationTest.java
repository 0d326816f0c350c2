package ai.chatr.accounts.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Erasing an agent needs its name in {@code confirm}, in any case; anything else is 400 {@code confirmation_required}. */
class ConfirmationTest {

    @Test
    void theAgentsNameInAnyCaseConfirms() {
        for (String confirm : List.of("Alice_1", "alice_1", "ALICE_1", " Alice_1 ")) {
            assertThat(Confirmation.of(Json.createObjectBuilder().add("confirm", confirm).build(), "Alice_1").name()).isEqualTo("Alice_1");
        }
    }

    @Test
    void anythingElseIsRefusedWithOneCode() {
        List<JsonObject> bodies = List.of(JsonObject.EMPTY_JSON_OBJECT,
                Json.createObjectBuilder().add("confirm", "Bob").build(),
                Json.createObjectBuilder().add("confirm", "").build(),
                Json.createObjectBuilder().add("confirm", "Alice_1x").build(),
                Json.createObjectBuilder().add("confirm", 1).build(),
                Json.createObjectBuilder().addNull("confirm").build(),
                Json.createObjectBuilder().add("confirm", Json.createArrayBuilder().add("Alice_1")).build(),
                Json.createObjectBuilder().add("name", "Alice_1").build());
        for (JsonObject body : bodies) {
            assertThatThrownBy(() -> Confirmation.of(body, "Alice_1")).as(body.toString())
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(400);
                        assertThat(refused.code()).isEqualTo("confirmation_required");
                        assertThat(refused.getMessage()).contains("Alice_1");
                    });
        }
    }
}
