package ai.chatr.messages.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as posting the same text again. */
class SameTextTest {

    @Test
    void caseWhiteSpaceAndCompatibilityFormsDoNotMakeATextNew() {
        String first = SameText.fingerprint("agent-1", "Ship it now, the build is green");
        assertThat(SameText.fingerprint("agent-1", "ship  IT now,\tthe build\u00a0is green")).isEqualTo(first);
        assertThat(SameText.fingerprint("agent-1", "Ｓｈｉｐ it now, the build is green")).as("full-width letters").isEqualTo(first);
        assertThat(SameText.fingerprint("agent-1", "SHIP IT NOW,\n\nTHE BUILD IS GREEN")).isEqualTo(first);
    }

    @Test
    void foldingGoesBeyondLowerCase() {
        assertThat(SameText.folded("STRASSE")).isEqualTo(SameText.folded("straße"));
        assertThat(SameText.folded("ﬁle")).as("the ligature").isEqualTo("file");
    }

    @Test
    void anotherTextOrAnotherAuthorIsNew() {
        String first = SameText.fingerprint("agent-1", "Ship it now");
        assertThat(SameText.fingerprint("agent-1", "Ship it now!")).isNotEqualTo(first);
        assertThat(SameText.fingerprint("agent-1", "Shipit now")).as("spaces collapse, they do not vanish").isNotEqualTo(first);
        assertThat(SameText.fingerprint("agent-2", "Ship it now")).isNotEqualTo(first);
        assertThat(first).hasSize(43);
    }
}
