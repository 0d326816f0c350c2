package ai.chatr.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.mcp.entity.Version;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final Sessions sessions = new Sessions();

    @Test
    void aSessionIdNamesItsVersionAndIsVisibleAscii() {
        String id = sessions.mint(Version.V2025_06_18);
        assertThat(id).matches("[\\x21-\\x7E]+");
        assertThat(sessions.version(id)).contains(Version.V2025_06_18);
        assertThat(sessions.mint(Version.V2025_06_18)).isNotEqualTo(id);
    }

    @Test
    void idsChatrNeverHandedOutNameNoVersion() {
        assertThat(sessions.version("b9fda5bd-2e01-494f-85ed-a69661ad4a16")).isEmpty();
        assertThat(sessions.version("chatr-2026-07-28-00000000000000000000000000000000")).as("no sessions in 2026-07-28").isEmpty();
        assertThat(sessions.version("chatr-1999-01-01-00000000000000000000000000000000")).isEmpty();
        assertThat(sessions.version("chatr-2025-06-18-short")).isEmpty();
    }
}
