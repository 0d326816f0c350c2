package ai.chatr.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.http.PublicUrl;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginsTest {

    private static Origins origins(String publicUrl, String allowed) {
        Origins origins = new Origins();
        origins.publicUrl = PublicUrl.of(publicUrl);
        origins.configured = Optional.ofNullable(allowed);
        origins.collect();
        return origins;
    }

    @Test
    void requestsWithoutAnOriginComeFromNoWebPage() {
        assertThat(origins("https://chatr.example", null).allows(null)).isTrue();
    }

    @Test
    void chatrsOwnAndLoopbackOriginsAreAllowed() {
        Origins origins = origins("https://chatr.example/", null);
        assertThat(origins.allows("https://chatr.example")).isTrue();
        assertThat(origins.allows("https://CHATR.example:443")).isTrue();
        assertThat(origins.allows("http://localhost:6274")).isTrue();
        assertThat(origins.allows("http://127.0.0.1")).isTrue();
        assertThat(origins.allows("http://[::1]:3000")).isTrue();
    }

    @Test
    void foreignOriginsAreNot() {
        Origins origins = origins("https://chatr.example", "https://app.example, http://tools.example:8080");
        assertThat(origins.allows("https://app.example")).isTrue();
        assertThat(origins.allows("http://tools.example:8080")).isTrue();
        assertThat(origins.allows("http://tools.example")).isFalse();
        assertThat(origins.allows("http://chatr.example")).as("another scheme").isFalse();
        assertThat(origins.allows("https://chatr.example.evil.com")).isFalse();
        assertThat(origins.allows("http://localhost.evil.com")).isFalse();
        assertThat(origins.allows("null")).as("a sandboxed page").isFalse();
        assertThat(origins.allows("file://")).isFalse();
        assertThat(origins.allows("not an origin")).isFalse();
    }
}
