package ai.chatr.messages.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as a mention in a message's text, before any name is looked up. */
class MentionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@bob hi                     | bob",
            "hi @Bob!                    | bob",
            "(@bob), @alice.             | bob,alice",
            "@bob's idea                 | bob",
            "@bob-2 and @bob_3:          | bob-2,bob_3",
            "@BOB @bob @Bob              | bob",
            "mail bob@example.com now    | ''",
            "first.last@bob.example      | ''",
            "a+b@bob.example             | ''",
            "@@bob                       | ''",
            "@b                          | ''",
            "email@bob and @carol        | carol",
            "@this-name-is-far-too-long-to-be-one | ''",
            "x@y                         | ''",
            "no mention at all           | ''",
            "#@bob                       | bob",
            "@bob\u00e9 (a letter no name has) | bob"})
    void candidatesAreWholeNamesAfterAnAtThatStartsAWord(String content, String expected) {
        List<String> names = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(Mentions.candidates(content.strip())).isEqualTo(names);
    }

    @Test
    void partsCutTheTextAroundTheMentionsOfRegisteredNamesOnly() {
        assertThat(Mentions.parts("hi @BOB and @nobody, bye @bob", List.of("Bob"))).containsExactly(
                new Mentions.Part("hi ", null), new Mentions.Part("@BOB", "Bob"), new Mentions.Part(" and @nobody, bye ", null),
                new Mentions.Part("@bob", "Bob"));
        assertThat(Mentions.parts("plain", List.of())).containsExactly(new Mentions.Part("plain", null));
        assertThat(Mentions.parts("@bob", List.of("bob"))).containsExactly(new Mentions.Part("@bob", "bob"));
    }
}
