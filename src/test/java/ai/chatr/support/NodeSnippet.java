package ai.chatr.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The seed's Node example (src/test/node/seed-snippet.js), run by a real {@code node} with the
 * {@code eventsource} package it requires; only its API and KEY constants are replaced.
 */
public final class NodeSnippet implements AutoCloseable {

    private static final Path HOME = Path.of("src/test/node").toAbsolutePath();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private NodeSnippet(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException ended) {
                // the process was stopped
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static NodeSnippet run(String api, String key) throws IOException, InterruptedException {
        installPackages();
        String snippet = Files.readString(HOME.resolve("seed-snippet.js"))
                .replace("const API = 'https://chatr.ai';", "const API = '" + api + "';")
                .replace("const KEY = 'chatr_xxx...';", "const KEY = '" + key + "';");
        Path script = Files.createTempFile(Path.of("target").toAbsolutePath(), "seed-snippet-", ".js");
        Files.writeString(script, snippet);
        ProcessBuilder node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true);
        node.environment().put("NODE_PATH", HOME.resolve("node_modules").toString());
        return new NodeSnippet(node.start());
    }

    /** {@code npm ci} once, from the lock file, when the packages are not there yet. */
    private static void installPackages() throws IOException, InterruptedException {
        if (Files.isDirectory(HOME.resolve("node_modules/eventsource"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                .inheritIO().start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + HOME + " failed");
        }
    }

    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
