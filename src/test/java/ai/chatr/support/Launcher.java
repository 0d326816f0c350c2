package ai.chatr.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * chatr started the way an operator starts it: {@code payara/start} (the launcher behind
 * {@code payara/run}) on a free loopback port and a data folder of the test's choosing. The
 * launcher is a shell script that runs Payara Micro as its Java child and ends with it.
 */
public final class Launcher implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;

    private Launcher(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts chatr; {@code environment} holds extra variables, such as {@code CHATR_LIMITS_…} overrides.
     * When the launcher gives up because Payara failed to deploy chatr (it exits 1; on a busy machine Payara
     * sometimes fails the JNDI lookup of the data source), it is started once more, as a supervisor would.
     */
    public static Launcher start(Path dataDir, int port, Map<String, String> environment) {
        Launcher started = launch(dataDir, port, environment);
        if (!started.awaitHealthy()) {
            started = launch(dataDir, port, environment);
            if (!started.awaitHealthy()) {
                throw new IllegalStateException("payara/start exited with " + started.process.exitValue() + " twice; see " + started.log);
            }
        }
        return started;
    }

    /** Runs {@code payara/start} without waiting for chatr to answer; its output goes to {@link #log()}. */
    public static Launcher launch(Path dataDir, int port, Map<String, String> environment) {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        ProcessBuilder launcher = new ProcessBuilder("payara/start")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        launcher.environment().put("CHATR_PORT", Integer.toString(port));
        launcher.environment().put("CHATR_BIND", "127.0.0.1");
        launcher.environment().put("CHATR_DATA_DIR", dataDir.toString());
        // boots take about a third less CPU without the optimising compiler, and these servers live for a
        // test or two on a busy 2-core machine: nothing the tests check depends on compiled speed
        launcher.environment().put("CHATR_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        launcher.environment().putAll(environment);
        try {
            return new Launcher(launcher.start(), URI.create("http://127.0.0.1:" + port), log);
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

    /** The launcher itself (a shell script; the server is its Java child). */
    public Process process() {
        return process;
    }

    /** Everything the launcher and Payara wrote, stdout and stderr. */
    public Path log() {
        return log;
    }

    /** The Payara Micro process the launcher runs, while it runs. */
    public List<ProcessHandle> server() {
        return process.descendants()
                .filter(child -> child.info().command().filter(command -> command.endsWith("/java")).isPresent())
                .toList();
    }

    /**
     * True once chatr answers {@code /health}; false when the launcher ended first. A boot is ~10 s on an idle
     * 2-core machine; more than 3 minutes has been seen with several builds running beside.
     */
    private boolean awaitHealthy() {
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(250))
                .until(() -> !process.isAlive() || answers(base));
        return process.isAlive();
    }

    /**
     * Whether chatr at {@code base} answers {@code /health} with 200 within a few seconds. A plain
     * {@link HttpURLConnection} with socket timeouts: {@code HttpClient.send} was seen to hang for good, its
     * request timeout notwithstanding, on a connection that a booting Payara closed.
     */
    static boolean answers(URI base) {
        try {
            HttpURLConnection health = (HttpURLConnection) base.resolve("/health").toURL().openConnection();
            health.setConnectTimeout(2000);
            health.setReadTimeout(5000);
            try {
                return health.getResponseCode() == 200;
            } finally {
                health.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** {@code kill -9} of the server (the launcher's Java child); the launcher then ends as well. */
    public void crash() {
        server().forEach(ProcessHandle::destroyForcibly);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * SIGTERM to the launcher, as an operator stops a node (the launcher passes it on to Java);
     * answers once the server has ended, or kills it after 30 s.
     */
    public void stop() {
        List<ProcessHandle> server = server();
        process.destroy();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive() && server.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            if (process.isAlive() || server.stream().anyMatch(ProcessHandle::isAlive)) {
                server.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            crash();
        }
    }
}
