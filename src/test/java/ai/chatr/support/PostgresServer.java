package ai.chatr.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL cluster of its own (initdb in a temporary folder, a free loopback port),
 * run as the {@code postgres} user when the tests run as root. Each {@link #newDatabase()} is
 * empty, so that every chatr started on it starts afresh.
 */
public final class PostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final int port = Launcher.freePort();
    private final Path dir;
    private final Path bin;

    private PostgresServer() throws IOException {
        bin = binaries();
        dir = Files.createTempDirectory("chatr-pg-");
        run("chown", "-R", "postgres:postgres", dir.toString());
        asPostgres(bin.resolve("initdb") + " -D " + dir.resolve("data") + " -A trust -U postgres --no-sync -E UTF8");
        resume();
    }

    /** Starts the server again after {@link #stop()}, on the same port, with the same databases. */
    public void resume() {
        asPostgres(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -l " + dir.resolve("log")
                + " -o '-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on' -w start");
    }

    /** Stops the server (its port refuses connections) until {@link #resume()}. */
    public void stop() {
        asPostgres(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m fast -w stop");
    }

    public static PostgresServer start() {
        try {
            return new PostgresServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, empty database; answers its JDBC URL. */
    public String newDatabase() {
        String name = "chatr_" + DATABASES.incrementAndGet();
        asPostgres(bin.resolve("createdb") + " -h 127.0.0.1 -p " + port + " -U postgres " + name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "unused-with-trust";
    }

    @Override
    public void close() {
        try {
            asPostgres(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m immediate -w stop");
        } catch (IllegalStateException notRunning) {
            // stopped already (see stop())
        }
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL is not installed (.ci/test installs it)");
        }
        try (var versions = Files.list(root)) {
            return versions.max(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString())))
                    .orElseThrow().resolve("bin");
        }
    }

    private static void asPostgres(String command) {
        boolean root = "root".equals(System.getProperty("user.name"));
        run(root ? new String[] {"su", "postgres", "-s", "/bin/sh", "-c", command} : new String[] {"sh", "-c", command});
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(new File("/tmp")).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
