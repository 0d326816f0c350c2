package ai.chatr.storage.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InListTest {

    @Test
    void valuesArePaddedToAPowerOfTwoWithTheLastOne() {
        assertThat(InList.padded(List.of())).isEmpty();
        assertThat(InList.padded(List.of("a"))).containsExactly("a");
        assertThat(InList.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(InList.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(InList.padded(List.of("a", "b", "c", "d", "e"))).hasSize(8).endsWith("e", "e", "e", "e");
    }
}
