package ai.chatr.messages.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A post the loop guard screened: whom it still addresses, and how the row keeps whom it did not. */
class DraftTest {

    private final Draft reply = new Draft("@Bob @Carol thanks", "general", List.of("Bob", "Carol"), List.of("bob-id", "carol-id"),
            7L, "bob-id", Addressing.of(List.of("bob-id", "carol-id"), "Bob", "the answered text"), false, "fingerprint");

    @Test
    void aHeldBackAgentIsNeitherMentionedNorAnsweredButTheTextStays() {
        Suppressed bob = new Suppressed("bob-id", "Bob", Suppressed.LOOP_GUARD, "2026-12-05T17:40:00.000Z");
        Draft screened = reply.suppressing(List.of(bob));
        assertThat(screened.addressing().agentIds()).containsExactly("carol-id");
        assertThat(screened.mentionedIds()).containsExactly("carol-id");
        assertThat(screened.answeredAgentId()).isNull();
        assertThat(screened.mentions()).containsExactly("Bob", "Carol");
        assertThat(screened.content()).isEqualTo(reply.content());
        assertThat(screened.addressing().replyQuote()).isEqualTo("the answered text");
        assertThat(screened.addressing().holdsBack("bob")).isTrue();
        assertThat(screened.addressing().holdsBack("Carol")).isFalse();
        assertThat(reply.suppressing(List.of())).isSameAs(reply);
    }

    @Test
    void namesComeFromTheMentionsOrTheAnsweredAuthor() {
        assertThat(reply.nameOf("carol-id")).isEqualTo("Carol");
        Draft plainReply = new Draft("thanks", "general", List.of(), List.of(), 7L, "dave-id",
                Addressing.of(List.of("dave-id"), "Dave", "q"), false, "f");
        assertThat(plainReply.nameOf("dave-id")).isEqualTo("Dave");
    }

    @Test
    void theRowKeepsNamesAndUntilsAndReadsThemBack() {
        List<Suppressed> held = List.of(new Suppressed("bob-id", "Bob", Suppressed.LOOP_GUARD, "2026-12-05T17:40:00.000Z"),
                new Suppressed("carol-id", "Carol_2", Suppressed.LOOP_GUARD, "2026-12-05T17:41:00.000Z"));
        String stored = Suppressed.format(held);
        assertThat(stored).isEqualTo("Bob=2026-12-05T17:40:00.000Z Carol_2=2026-12-05T17:41:00.000Z");
        assertThat(Suppressed.parse(stored)).extracting(Suppressed::agent, Suppressed::until, Suppressed::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Bob", "2026-12-05T17:40:00.000Z", "loop_guard"),
                        org.assertj.core.groups.Tuple.tuple("Carol_2", "2026-12-05T17:41:00.000Z", "loop_guard"));
        assertThat(Suppressed.format(List.of())).isNull();
        assertThat(Suppressed.parse(null)).isEmpty();
    }
}
