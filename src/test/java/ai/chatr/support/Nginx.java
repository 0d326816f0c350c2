package ai.chatr.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx in front of chatr nodes, run from the operator's {@code payara/nginx.conf} with only
 * the ports changed: its two upstream lines become the nodes' addresses and its {@code listen 8080}
 * a free loopback port. It runs in the foreground ({@code daemon off}) as the test's child, with a
 * prefix folder of its own for its pid file, logs and temporary files.
 */
public final class Nginx implements AutoCloseable {

    /** The operator's file, read as it is in the repository. */
    public static final Path CONF = Path.of("payara/nginx.conf");

    private final Process process;
    private final Path prefix;
    private final URI base;
    private final String conf;

    private Nginx(Process process, Path prefix, URI base, String conf) {
        this.process = process;
        this.prefix = prefix;
        this.base = base;
        this.conf = conf;
    }

    /** nginx on a free loopback port in front of exactly two nodes (the file names two). */
    public static Nginx start(Path prefix, URI first, URI second) {
        try {
            int port = Launcher.freePort();
            String conf = Files.readString(CONF, StandardCharsets.UTF_8);
            conf = replaceOnce(conf, "server 127.0.0.1:8081;", "server 127.0.0.1:" + first.getPort() + ";");
            conf = replaceOnce(conf, "server 127.0.0.1:8082;", "server 127.0.0.1:" + second.getPort() + ";");
            conf = replaceOnce(conf, "listen 8080;", "listen 127.0.0.1:" + port + ";");
            Files.createDirectories(prefix.resolve("logs"));
            Path file = prefix.resolve("nginx.conf");
            Files.writeString(file, conf, StandardCharsets.UTF_8);
            Path errors = prefix.resolve("logs/error.log");
            Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix.toString(), "-e", errors.toString(),
                    "-c", file.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(prefix.resolve("logs/output.log").toFile()))
                    .start();
            Nginx nginx = new Nginx(process, prefix, URI.create("http://127.0.0.1:" + port), conf);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || listening(port));
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + Files.readString(errors));
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text with {@code from} replaced; fails when the file no longer says it exactly once. */
    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(CONF + " must say \"" + from + "\" exactly once: the test puts its own ports there");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Where agents reach chatr: nginx's address. */
    public URI base() {
        return base;
    }

    /** A duration the file sets, in seconds (e.g. {@code proxy_read_timeout} in the stream's location). */
    public Duration setting(String directive) {
        Matcher value = Pattern.compile("\\b" + Pattern.quote(directive) + "\\s+(\\d+)s;").matcher(conf);
        List<Duration> found = value.results().map(m -> Duration.ofSeconds(Long.parseLong(m.group(1)))).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(CONF + " sets " + directive + " in seconds " + found.size() + " times, not once");
        }
        return found.get(0);
    }

    public Path errorLog() {
        return prefix.resolve("logs/error.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
