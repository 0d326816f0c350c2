package ai.chatr.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;

/** A real {@code redis-server} on a free loopback port, nothing saved to disk; stoppable and restartable. */
public final class RedisServer implements AutoCloseable {

    private final int port = Launcher.freePort();
    private Process process;

    public static RedisServer start() {
        RedisServer redis = new RedisServer();
        redis.restart();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it (again) on the same port. */
    public void restart() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server is not installed (.ci/test installs it)", e);
        }
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    /** {@code kill -9}. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
