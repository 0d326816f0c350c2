package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.http.ApiException;
import ai.chatr.http.RateLimited;
import ai.chatr.http.Refusal;
import ai.chatr.storage.control.Storage;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How each kind of failure is told, whichever face tells it. */
class RefusalsTest {

    private final Refusals refusals = refusals(Optional.empty());

    @Test
    void aRefusalRaisedOnPurposeKeepsItsStatusCodeSentenceAndFieldsInOrder() {
        Refusal refusal = refusals.of(new ApiException(403, "banned", "You are banned").with("reason", "spam").with("hint", "Ask"));
        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.retryAfter()).isNull();
        assertThat(refusal.headers()).isEmpty();
        assertThat(refusal.body().keySet()).containsExactly("success", "error", "code", "reason", "hint");
        assertThat(refusal.body().getString("error")).isEqualTo("You are banned");
    }

    @Test
    void aNullDetailIsANullFieldAndTheReservedFieldsCannotBeReplaced() {
        JsonObject body = refusals.of(ApiException.badRequest("x", "X").with("reason", null).with("code", "other")).body();
        assertThat(body.isNull("reason")).isTrue();
        assertThat(body.getString("code")).isEqualTo("x");
    }

    @Test
    void aLimitSaysWhenToRetryInItsBodyAndHeaders() {
        Refusal refusal = refusals.of(new RateLimited("rate_limited", "Slow down", Duration.ofMillis(1500), 120, Duration.ofMinutes(1), "requests"));
        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.retryAfter()).isEqualTo(2);
        assertThat(refusal.headers()).containsExactly(Map.entry("Retry-After", "2"),
                Map.entry("RateLimit-Policy", "\"requests\";q=120;w=60"), Map.entry("RateLimit", "\"requests\";r=0;t=2"));
        assertThat(refusal.body().keySet()).containsExactly("success", "error", "code", "retryAfter");
        assertThat(refusal.body().getJsonNumber("retryAfter").longValue()).isEqualTo(2);
    }

    @Test
    void aCapOnWhatIsOpenAtOnceSaysOnlyWhenToRetry() {
        Refusal refusal = refusals.of(new RateLimited("too_many_streams", "Too many", Duration.ofSeconds(5), 10, Duration.ofSeconds(5), null));
        assertThat(refusal.headers()).containsExactly(Map.entry("Retry-After", "5"));
    }

    @Test
    void aRefusalWrappedByTheRuntimeOrAFutureIsFound() {
        ApiException refused = ApiException.badRequest("invalid_json", "Invalid JSON");
        assertThat(refusals.of(new ProcessingException(refused)).code()).isEqualTo("invalid_json");
        assertThat(refusals.of(new CompletionException(refused)).code()).isEqualTo("invalid_json");
    }

    @Test
    void theRuntimesOwnRefusalsGetChatrsCodes() {
        assertThat(refusals.of(new NotFoundException()).code()).isEqualTo("not_found");
        Refusal notAllowed = refusals.of(new NotAllowedException(Response.status(405).header("Allow", "GET").build()));
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.code()).isEqualTo("method_not_allowed");
        assertThat(notAllowed.headers()).containsKey("Allow");
        assertThat(refusals.of(new WebApplicationException(406)).code()).isEqualTo("not_acceptable");
        assertThat(refusals.of(new WebApplicationException(413)).code()).isEqualTo("payload_too_large");
        assertThat(refusals.of(new WebApplicationException(415)).code()).isEqualTo("unsupported_media_type");
        assertThat(refusals.of(new WebApplicationException(Response.status(422).build())).code()).isEqualTo("invalid_request");
        assertThat(refusals.of(new ProcessingException(new UnsupportedCharsetException("latin-9"))).status()).isEqualTo(415);
    }

    @Test
    void aDatabaseFailureIsA503OnlyWhileTheDatabaseIsAway() {
        RuntimeException failed = new RuntimeException("query failed", new SQLException("connection refused"));
        Refusal away = refusals(Optional.of("connection refused")).of(new CompletionException(failed));
        assertThat(away.status()).isEqualTo(503);
        assertThat(away.code()).isEqualTo("storage_unavailable");
        assertThat(refusals.of(failed).code()).as("the database answers: a fault of ours").isEqualTo("internal_error");
    }

    @Test
    void anythingElseIsABland500() {
        Refusal refusal = refusals.of(new IllegalStateException("secret detail"));
        assertThat(refusal.status()).isEqualTo(500);
        assertThat(refusal.code()).isEqualTo("internal_error");
        assertThat(refusal.message()).doesNotContain("secret");
        assertThat(refusals.of(new WebApplicationException(503)).code()).isEqualTo("internal_error");
    }

    private static Refusals refusals(Optional<String> databaseAway) {
        Refusals refusals = new Refusals();
        refusals.storage = new Storage() {
            @Override
            public Optional<String> check() {
                return databaseAway;
            }
        };
        return refusals;
    }
}
