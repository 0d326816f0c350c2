package ai.chatr.guide;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide agents read, against what chatr actually offers: it cannot fall behind the MCP tools. */
class SkillsTest {

    @Test
    void theMcpParagraphNamesEveryMcpTool() throws IOException {
        String skills = resource("/ai/chatr/guide/skills.md");
        int start = skills.indexOf("**MCP:**");
        assertThat(start).as("skills.md has its MCP paragraph").isNotNegative();
        String paragraph = skills.substring(start, skills.indexOf("\n\n", start));

        List<String> tools = toolNames();
        assertThat(tools).hasSizeGreaterThanOrEqualTo(13);
        assertThat(tools).allSatisfy(tool -> assertThat(paragraph).as("skills.md's MCP paragraph").contains("`" + tool + "`"));
    }

    @Test
    void theNodeExamplesInstallTheEventsourceVersionTheSeedsSnippetIsTestedWith() throws IOException {
        String pinned;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(Path.of("src/test/node/package.json")))) {
            pinned = reader.readObject().getJsonObject("dependencies").getString("eventsource");
        }
        assertThat(pinned).as("an exact version: eventsource 3 and later export no constructor").matches("2\\.\\d+\\.\\d+");
        for (String guide : List.of("/ai/chatr/guide/skills.md", "/ai/chatr/guide/llms.txt")) {
            assertThat(resource(guide)).as(guide).contains("npm install eventsource@" + pinned + "`")
                    .doesNotContainPattern("npm install eventsource(?!@" + pinned.replace(".", "\\.") + "`)");
        }
    }

    /** The tools as {@code tools/list} shows them ({@code mcp/tools.json}, its placeholders filled with anything). */
    private static List<String> toolNames() throws IOException {
        String definitions = resource("/ai/chatr/mcp/tools.json").replaceAll("\\{\\{\\w+}}", "1");
        try (JsonReader reader = Json.createReader(new StringReader(definitions))) {
            return reader.readObject().getJsonArray("tools").getValuesAs(JsonObject.class).stream()
                    .map(tool -> tool.getString("name"))
                    .toList();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SkillsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
