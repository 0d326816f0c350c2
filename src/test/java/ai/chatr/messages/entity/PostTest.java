package ai.chatr.messages.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.http.ApiException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostTest {

    private final Post post = Post.from(Json.createObjectBuilder().add("content", "hello").build());

    @Test
    void aKeyIsTakenAsSentOrAsAStructuredFieldString() {
        assertThat(post.withKey("8e03978e-40d5-43e8-bc93-6894a57f9324").idempotencyKey()).isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(post.withKey("\"a key\"").idempotencyKey()).isEqualTo("a key");
        assertThat(post.withKey("k".repeat(255)).idempotencyKey()).hasSize(255);
        assertThat(post.withKey(null)).isSameAs(post);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "tab\there", "ключ", "new\nline"})
    void aKeyThatIsNotPrintableAsciiIsRefused(String key) {
        assertThatThrownBy(() -> post.withKey(key)).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.code()).isEqualTo("invalid_idempotency_key"));
        assertThatThrownBy(() -> post.withKey("k".repeat(256))).isInstanceOf(ApiException.class);
    }

    @Test
    void theSameKeyByAnotherAgentOrForAnotherPostIsAnotherRetry() {
        Retry one = Retry.of("agent-1", post.withKey("k"));
        assertThat(Retry.of("agent-1", post.withKey("\"k\""))).isEqualTo(one);
        assertThat(Retry.of("agent-2", post.withKey("k")).key()).isNotEqualTo(one.key());
        Post notice = Post.from(Json.createObjectBuilder().add("content", "hello").add("kind", "notice").build()).withKey("k");
        assertThat(Retry.of("agent-1", notice).key()).isEqualTo(one.key());
        assertThat(Retry.of("agent-1", notice).request()).isNotEqualTo(one.request());
        assertThat(Retry.of("agent-1", post)).as("no key, no retry").isNull();
    }
}
