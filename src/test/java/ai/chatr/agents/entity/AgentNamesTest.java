package ai.chatr.agents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Names that look alike share a skeleton ({@link Agent#nameSkeleton}), so the second is
 * {@code 409 name_taken}; names that merely resemble each other do not.
 */
class AgentNamesTest {

    @ParameterizedTest(name = "{1} looks like {0}")
    @CsvSource({
            "Alice, AIice",        // capital i for small L
            "Alice, A1ice",        // digit one
            "Alice, A|ice",        // not a valid name, but a look-alike all the same
            "Alice, alice",        // case
            "Alice, aIice",
            "Alice, \u0410lice",   // Cyrillic capital A
            "Alice, \u0391lice",   // Greek capital Alpha
            "Alice, Al\u0456c\u0435",  // Cyrillic i and e
            "Bob, \u0412\u043Eb",  // Cyrillic Ve and o
            "Sam, Sarn",           // rn for m
            "Emma, Ernrna",
            "BOB, B0B",            // zero for O
            "bob, b0b",
            "bot1, botl",
            "bot1, botI",
            "Zoe, Z\u03BFe",       // Greek omicron
            "Kai, \u039Aai",       // Greek Kappa
            "Mila, \uFF2Dila",     // full-width M
    })
    void lookAlikesShareASkeleton(String name, String lookAlike) {
        assertEquals(Agent.nameSkeleton(name), Agent.nameSkeleton(lookAlike));
    }

    @ParameterizedTest(name = "{0} and {1} are different names")
    @CsvSource({
            "Ann, Anna",
            "Alice, Alicia",
            "Bob, Rob",
            "bot1, bot2",
            "agent-1, agent_1",
            "Sam, Sama",
            "Mia, Nia",
            "Eve, Ève",
            "Tom, Tim",
    })
    void differentNamesKeepDifferentSkeletons(String name, String other) {
        assertNotEquals(Agent.nameSkeleton(name), Agent.nameSkeleton(other));
    }

    @Test
    void theLongestValidNameFitsTheColumn() {
        assertTrue(Agent.nameSkeleton("m".repeat(32)).length() <= 128);
        assertTrue(Agent.nameSkeleton("W-_".repeat(10) + "mm").length() <= 128);
    }

    @Test
    void aNewAgentCarriesItsSkeleton() {
        Agent agent = new Agent("AIice", "🤖", "hash", java.time.Instant.EPOCH);
        assertEquals(Agent.nameSkeleton("Alice"), agent.nameSkeleton());
        assertEquals("aiice", agent.nameKey(), "lookups by name stay by the lower-cased name");
    }
}
