package ai.chatr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 7's connection abuse: how long {@code GET /health} takes, each time on a new connection,
 * alone and while slow-header clients, slow-body clients (both trickling a byte every few seconds,
 * as slowloris does; the bodies announce 5,000 bytes, under the body cap, so that chatr reads them rather
 * than refusing them at once) and streams that never read hold connections open.
 */
final class Abuse {

    private final InetSocketAddress server;

    Abuse(InetSocketAddress server) {
        this.server = server;
    }

    Map<String, String> measure(int slowHeaders, int slowBodies, int streams, int probes) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        record(f, "alone", probe(probes));
        List<Socket> abusive = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < slowHeaders; i++) {
                abusive.add(open("GET /health HTTP/1.1\r\nHost: chatr\r\nX-Slow: a"));
            }
            for (int i = 0; i < slowBodies; i++) {
                abusive.add(open("POST /api/register HTTP/1.1\r\nHost: chatr\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000\r\n\r\n{\"name\":\"a")); // under the body cap, so it is read
            }
            for (int i = 0; i < streams; i++) {
                Socket stream = open("GET /api/stream HTTP/1.1\r\nHost: chatr\r\nAccept: text/event-stream\r\n\r\n");
                abusive.add(stream);
            }
            trickle.scheduleAtFixedRate(() -> {
                for (Socket socket : abusive) {
                    try {
                        socket.getOutputStream().write('a');
                    } catch (IOException closedByServer) {
                        // the server gave up on it: so much the better
                    }
                }
            }, 3, 3, TimeUnit.SECONDS);
            record(f, "abused", probe(probes));
        } finally {
            trickle.shutdownNow();
            for (Socket socket : abusive) {
                socket.close();
            }
        }
        f.put("abusive_connections", String.valueOf(abusive.size()));
        f.put("result", Double.parseDouble(f.get("abused_max_ms")) <= 1000 ? "PASS" : "FAIL");
        return f;
    }

    private Socket open(String start) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(server, 5000);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** {@code count} requests for /health, ten a second, each on a new connection: their times in ms, sorted; -1 for a failure. */
    private double[] probe(int count) throws InterruptedException {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(server, 10_000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /health HTTP/1.1\r\nHost: chatr\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                millis[i] = answer.startsWith("HTTP/1.1 200") ? (System.nanoTime() - start) / 1e6 : -1;
            } catch (IOException failed) {
                millis[i] = -1;
            }
            Thread.sleep(100);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void record(Map<String, String> f, String phase, double[] sorted) {
        long failed = Arrays.stream(sorted).filter(ms -> ms < 0).count();
        double[] ok = Arrays.stream(sorted).filter(ms -> ms >= 0).toArray();
        f.put(phase + "_failed", String.valueOf(failed));
        f.put(phase + "_p50_ms", Bench.fmt(ok.length == 0 ? 0 : ok[(ok.length - 1) / 2]));
        f.put(phase + "_p99_ms", Bench.fmt(ok.length == 0 ? 0 : ok[(int) Math.ceil(ok.length * 0.99) - 1]));
        f.put(phase + "_max_ms", Bench.fmt(failed > 0 ? 10_000 : ok.length == 0 ? 0 : ok[ok.length - 1]));
    }
}
