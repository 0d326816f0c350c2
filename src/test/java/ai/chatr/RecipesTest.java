package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The operating recipes the README shows are the files the tests run: an operator who copies one
 * copies what was tested.
 */
class RecipesTest {

    @Test
    void theReadmeShowsTheNginxConfigurationClusterItRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String tested = Files.readString(Path.of("payara/nginx.conf"));
        assertThat(readme).as("README.md's nginx block, against payara/nginx.conf").contains("```nginx\n" + tested + "```\n");
    }
}
