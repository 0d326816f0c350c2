package ai.chatr.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * chatr started the way an operator starts it: {@code payara/start} (the launcher behind
 * {@code payara/run}) on a free loopback port and a data folder of the test's choosing.
 */
public final class Launcher implements AutoCloseable {

    private final Process process;
    private final URI base;

    private Launcher(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts chatr; {@code environment} holds extra variables, such as {@code CHATR_LIMITS_…} overrides. */
    public static Launcher start(Path dataDir, int port, Map<String, String> environment) {
        ProcessBuilder launcher = new ProcessBuilder("payara/start")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()));
        launcher.environment().put("CHATR_PORT", Integer.toString(port));
        launcher.environment().put("CHATR_BIND", "127.0.0.1");
        launcher.environment().put("CHATR_DATA_DIR", dataDir.toString());
        launcher.environment().putAll(environment);
        try {
            Launcher started = new Launcher(launcher.start(), URI.create("http://127.0.0.1:" + port));
            started.awaitHealthy();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings as the environment variables that override them ({@code chatr.a-b} → {@code CHATR_A_B}). */
    public static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new java.util.HashMap<>();
        settings.forEach((key, value) -> environment.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"), value));
        return environment;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return base;
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("payara/start exited with " + process.exitValue());
            }
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** {@code kill -9}: payara/start execs java, so this is the server itself. */
    public void crash() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            crash();
        }
    }
}
