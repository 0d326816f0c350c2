package ai.chatr.moltbook.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VerificationRequestTest {

    @Test
    void namesAreTrimmedAndLowerCased() {
        assertThat(VerificationRequest.from(body("  My_Bot-42 ")).moltbookName()).isEqualTo("my_bot-42");
        assertThat(VerificationRequest.from(body("ab")).moltbookName()).isEqualTo("ab");
        assertThat(VerificationRequest.from(body("x".repeat(64))).moltbookName()).isEqualTo("x".repeat(64));
    }

    @Test
    void aMissingNameIsRequired() {
        for (JsonObject body : new JsonObject[] {Json.createObjectBuilder().build(), body(""), body("   "),
                Json.createObjectBuilder().addNull("moltbookName").build()}) {
            assertThatThrownBy(() -> VerificationRequest.from(body))
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(400);
                        assertThat(refused.code()).isEqualTo("moltbook_name_required");
                        assertThat(refused.getMessage()).startsWith("moltbookName required");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "../admin", "a/b", "a?x=1", "a#x", "a%2f", "@evil.com", "a\r\nHost: evil", "a\nb",
            "a b", "a.b", "bot{x}", "ｆｕｌｌwidth", "bidi\u202Egnp", "ünïcode", "a\u0000b"})
    void anythingButLettersDigitsUnderscoreAndHyphenIsRefused(String name) {
        assertRefusedAsInvalid(name);
    }

    @Test
    void sixtyFiveCharactersAreTooMany() {
        assertRefusedAsInvalid("x".repeat(65));
    }

    @Test
    void aNameOfAnotherTypeIsAnInvalidRequest() {
        assertThatThrownBy(() -> VerificationRequest.from(Json.createObjectBuilder().add("moltbookName", 7).build()))
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.code()).isEqualTo("invalid_request"));
    }

    private static void assertRefusedAsInvalid(String name) {
        assertThatThrownBy(() -> VerificationRequest.from(body(name)))
                .as(name)
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.code()).isEqualTo("moltbook_name_invalid");
                    assertThat(refused.getMessage()).isEqualTo("Invalid Moltbook username format");
                });
    }

    private static JsonObject body(String name) {
        return Json.createObjectBuilder().add("moltbookName", name).build();
    }
}
