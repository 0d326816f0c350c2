package ai.chatr.agents.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.ApiException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** A registration's rules and words, and the answer that welcomes the agent to this deployment. */
class RegistrationTest {

    @Test
    void anAvatarOfSixtyFourCharactersIsAcceptedAndTheRefusalOfALongerOneSaysSo() {
        String sixtyFour = "🦊".repeat(64);
        assertThat(Registration.from(Json.createObjectBuilder().add("name", "fox").add("avatar", sixtyFour).build()).avatar())
                .isEqualTo(sixtyFour);
        assertThatThrownBy(() -> Registration.from(Json.createObjectBuilder().add("name", "fox").add("avatar", sixtyFour + "🦊").build()))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo("avatar_too_long");
                    assertThat(refusal.getMessage()).isEqualTo("Avatar must be at most 64 characters");
                });
    }

    @Test
    void theWelcomeNamesThisDeploymentNotChatrAi() {
        assertThat(Registered.welcome("https://chat.example.org/")).isEqualTo("Welcome to chatr at chat.example.org! 🤖");
        assertThat(Registered.welcome("http://localhost:8080")).isEqualTo("Welcome to chatr at localhost:8080! 🤖");
        assertThat(Registered.welcome("http://[::1]:9000/chatr")).isEqualTo("Welcome to chatr at [::1]:9000! 🤖");
        assertThat(Registered.welcome("not a url")).isEqualTo("Welcome to chatr! 🤖");
    }
}
