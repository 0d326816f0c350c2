package ai.chatr.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP/1.1 clients on plain blocking sockets, one thread and one keep-alive connection
 * each: every client sends its next request as soon as the last answer is read in full. A
 * connection is opened again only when the server closes it (or answers {@code Connection: close});
 * {@code connections} in the result says how often that happened, so that keep-alive can be checked.
 */
final class KeepAlive {

    /**
     * What the clients got.
     *
     * @param ok          2xx answers, read in full
     * @param errors      other answers, and requests that failed on the connection
     * @param connections connections opened (the clients' first ones included)
     * @param latency     request written → answer read in full, of the 2xx answers
     */
    record Result(int ok, int errors, int connections, double seconds, Histogram latency) {
        double perSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }
    }

    private final InetSocketAddress server;

    KeepAlive(InetSocketAddress server) {
        this.server = server;
    }

    /** {@code clients} clients for {@code seconds}; {@code request} makes the bytes of the n-th request (thread-safe). */
    Result run(int clients, double seconds, IntFunction<byte[]> request) throws InterruptedException {
        Histogram latency = new Histogram();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        double elapsed = ClosedLoop.run("keep-alive", clients, seconds, deadline -> {
            Connection connection = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (connection == null) {
                        connection = connect();
                        connections.incrementAndGet();
                    }
                    byte[] bytes = request.apply(sequence.getAndIncrement());
                    long sent = System.nanoTime();
                    connection.out.write(bytes);
                    Answer answer = read(connection.in);
                    if (answer.status / 100 == 2) {
                        latency.record((System.nanoTime() - sent) / 1000);
                        ok.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    if (answer.close) {
                        connection = close(connection);
                    }
                } catch (IOException | RuntimeException failed) {
                    errors.incrementAndGet();
                    connection = close(connection);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // no busy loop on a refusing server
                }
            }
            close(connection);
        });
        return new Result(ok.get(), errors.get(), connections.get(), elapsed, latency);
    }

    /** The bytes of a {@code GET} without a body, for {@link #run}. */
    static byte[] get(InetSocketAddress server, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One client's connection, read through a buffer (answers are parsed byte by byte). */
    private record Connection(Socket socket, InputStream in, OutputStream out) {
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, 5000);
            socket.setSoTimeout(30_000);
            return new Connection(socket, new BufferedInputStream(socket.getInputStream(), 8192), socket.getOutputStream());
        } catch (IOException refused) {
            socket.close();
            throw refused;
        }
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            try {
                connection.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        return null;
    }

    private record Answer(int status, boolean close) {
    }

    /** Reads one answer: status line, headers, and a body by Content-Length or chunked encoding. */
    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        boolean close = status.startsWith("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            } else if (h.startsWith("connection:")) {
                close = h.contains("close");
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(in, length);
        } else {
            in.transferTo(OutputStream.nullOutputStream()); // the body ends with the connection
            close = true;
        }
        return new Answer(code, close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void skip(InputStream in, long count) throws IOException {
        for (long left = count; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
