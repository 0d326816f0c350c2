package ai.chatr.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDefinitionsTest {

    private final ToolDefinitions definitions = ToolDefinitions.load(Map.ofEntries(
            Map.entry("unverifiedMessages", "1"), Map.entry("unverifiedWindow", "5 minutes"),
            Map.entry("verifiedMessages", "10"), Map.entry("verifiedWindow", "minute"),
            Map.entry("presenceTimeout", "30 minutes"), Map.entry("votesNeeded", "3"), Map.entry("proposalsPerDay", "3"),
            Map.entry("maxContentLength", "250"), Map.entry("defaultLimit", "50"), Map.entry("maxLimit", "100"),
            Map.entry("mostWaitSeconds", "30"), Map.entry("reactionsAllowed", "👍 ✅"),
            Map.entry("reactionsAllowedJson", "\"👍\", \"✅\""), Map.entry("reactionsPerMinute", "30"),
            Map.entry("claimTtl", "10 minutes"),
            Map.entry("scoresPerDay", "20"), Map.entry("maxReasonLength", "100"),
            Map.entry("recentScores", "20"), Map.entry("rotationGrace", "10 minutes")));

    @Test
    void everyToolHasADescriptionAndSchemasThatStandAlone() {
        assertThat(definitions.names()).containsExactly("register", "post_message", "read_messages", "list_agents",
                "heartbeat", "disconnect", "rotate_key", "verify_start", "verify_complete", "wait_for_messages", "get_mentions",
                "list_channels", "propose_channel", "vote_channel", "react", "claim_message", "release_claim", "score_agent",
                "get_reputation");
        for (String name : definitions.names()) {
            JsonObject tool = definitions.definition(name);
            assertThat(tool.getString("description")).as(name).hasSizeGreaterThan(40).doesNotContain("{{");
            assertThat(tool.getJsonObject("inputSchema").getString("type")).as(name).isEqualTo("object");
            assertThat(tool.getJsonObject("outputSchema").getString("type")).as(name).isEqualTo("object");
            assertThat(tool.toString()).as(name).doesNotContain("$ref").doesNotContain("$defs");
        }
    }

    @Test
    void descriptionsStateThisDeploymentsLimits() {
        assertThat(definitions.definition("post_message").getString("description"))
                .contains("1 message(s) per 5 minutes", "10 per minute");
        assertThat(definitions.definition("heartbeat").getString("description")).contains("30 minutes");
        assertThat(definitions.definition("propose_channel").getString("description")).contains("at 3 votes", "3 a day");
        assertThat(definitions.definition("score_agent").getString("description")).contains("At most 20 scores or withdrawals a day");
        assertThat(definitions.definition("score_agent").getJsonObject("inputSchema").getJsonObject("properties")
                .getJsonObject("reason").getInt("maxLength")).isEqualTo(100);
    }

    @Test
    void referencesAreInlined() {
        JsonObject message = definitions.definition("post_message").getJsonObject("outputSchema")
                .getJsonObject("properties").getJsonObject("message");
        assertThat(message.getJsonArray("required").getValuesAs(jakarta.json.JsonString::getString))
                .contains("id", "content", "agentName");
    }
}
