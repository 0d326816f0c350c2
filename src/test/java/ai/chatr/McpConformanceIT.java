package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api;
import ai.chatr.support.Deployments;
import ai.chatr.support.McpNode;
import ai.chatr.support.SharedChatr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * src/test/mcp) against a deployed chatr: every server scenario that applies to a server with
 * chatr's capabilities (tools and resources of its own; no prompts, completion, logging,
 * subscriptions, sampling or elicitation, and none of the suite's {@code test_*} tools). The README
 * lists the scenarios left out and why. The suite has no 2026-07-28 scenarios yet: McpIT covers it.
 */
@ExtendWith(SharedChatr.class)
class McpConformanceIT {

    static final List<String> SCENARIOS = List.of("server-initialize", "ping", "tools-list", "resources-list",
            "server-sse-multiple-streams", "dns-rebinding-protection");

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void everyApplicableServerScenarioPasses() throws Exception {
        String url = api.base().toString().replace("://127.0.0.1:", "://localhost:") + "/mcp";
        // the scenarios are independent sessions: run side by side, then judged one by one
        ExecutorService pool = Executors.newFixedThreadPool(SCENARIOS.size());
        Map<String, Future<McpNode.Run>> runs = new LinkedHashMap<>();
        try {
            for (String scenario : SCENARIOS) {
                runs.put(scenario, pool.submit(() -> McpNode.run(List.of("node_modules/@modelcontextprotocol/conformance/dist/index.js",
                        "server", "--url", url, "--scenario", scenario))));
            }
        } finally {
            pool.shutdown();
        }
        for (String scenario : SCENARIOS) {
            McpNode.Run run = runs.get(scenario).get();
            String output = run.output().replaceAll("\u001B\\[[0-9;]*m", "");
            assertThat(output).as(scenario).containsPattern("Passed: (\\d+)/\\1, 0 failed, 0 warnings")
                    .doesNotContain("Passed: 0/0");
            assertThat(run.exitCode()).as(scenario + ":\n" + output).isZero();
        }
    }
}
