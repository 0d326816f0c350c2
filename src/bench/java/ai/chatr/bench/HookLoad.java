package ai.chatr.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hooks point (chatr only): {@code n} agents with a wake hook each on one receiver on loopback
 * (a real HTTP server in this JVM that answers 204), and one agent posting at a steady rate, each post
 * mentioning the next {@code mentions} of them (so one post owes that many deliveries, and the
 * deliveries a second are not capped by how fast this machine can post). Deliveries a second,
 * post-to-delivery p50/p99 (from the post being sent to the delivery arriving) and chatr's CPU per
 * delivery (posting included). chatr must allow hooks to 127.0.0.1
 * ({@code CHATR_HOOKS_ALLOWED_HOSTS}, as src/bench/run sets it).
 */
final class HookLoad {

    private static final Pattern SENT = Pattern.compile("t=(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"(chatr_[0-9a-f]+)\"");

    private final HttpClient http;
    private final Target target;
    private final AtomicInteger delivered = new AtomicInteger();
    private volatile Histogram latency = new Histogram();
    private volatile Histogram posting = new Histogram();

    HookLoad(HttpClient http, Target target) {
        this.http = http;
        this.target = target;
    }

    Map<String, String> measure(int agents, double rate, int mentions, double seconds, String run) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        receiver.setExecutor(threads);
        receiver.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher challenge = CHALLENGE.matcher(body);
                if (body.contains("\"hook.verify\"") && challenge.find()) {
                    byte[] echo = ("{\"challenge\":\"" + challenge.group(1) + "\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, echo.length);
                    exchange.getResponseBody().write(echo);
                    return;
                }
                Matcher sent = SENT.matcher(body);
                if (sent.find()) {
                    latency.record(Bench.micros(System.nanoTime()) - Long.parseLong(sent.group(1)));
                    delivered.incrementAndGet();
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String name = "hk-" + run + "-" + i;
                String key = register(name);
                HttpResponse<String> created = post("/api/hooks", key, "{\"url\":\"" + url + "\",\"events\":[\"mention\"]}");
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("chatr refused a hook: " + created.statusCode() + " " + created.body());
                }
                names.add(name);
            }
            String poster = register("hk-" + run + "-poster");
            post(poster, names, rate, mentions, Math.min(3, seconds), run + "w"); // unmeasured: the JIT
            Thread.sleep(2000);
            delivered.set(0);
            latency = new Histogram();
            posting = new Histogram();
            Proc.Usage before = Proc.of(target.pid);
            long start = System.nanoTime();
            int owed = post(poster, names, rate, mentions, seconds, run) * mentions;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (delivered.get() < owed && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Proc.Usage after = Proc.of(target.pid);
            double cpu = (after.ticks() - before.ticks()) / Proc.TICKS_PER_SECOND;
            Map<String, String> f = new LinkedHashMap<>();
            f.put("hooks", String.valueOf(agents));
            f.put("posts_per_s", Bench.fmt(rate));
            f.put("mentions_per_post", String.valueOf(mentions));
            f.put("owed", String.valueOf(owed));
            f.put("deliveries", String.valueOf(delivered.get()));
            f.put("deliveries_per_s", Bench.fmt(delivered.get() / elapsed));
            f.put("delivery_p50_ms", Bench.fmt(latency.percentileMs(50)));
            f.put("delivery_p99_ms", Bench.fmt(latency.percentileMs(99)));
            f.put("delivery_max_ms", Bench.fmt(latency.maxMs()));
            f.put("post_p50_ms", Bench.fmt(posting.percentileMs(50)));
            f.put("post_p99_ms", Bench.fmt(posting.percentileMs(99)));
            f.put("cpu_us_per_delivery", Bench.fmt(delivered.get() == 0 ? 0 : cpu * 1e6 / delivered.get()));
            f.put("result", delivered.get() == owed ? "PASS" : "FAIL");
            return f;
        } finally {
            receiver.stop(0);
            threads.shutdownNow();
        }
    }

    /** Posts at {@code rate} for {@code seconds}, each post mentioning the next {@code mentions} agents; answers how many were accepted. */
    private int post(String key, List<String> names, double rate, int mentions, double seconds, String tag) throws Exception {
        int total = (int) Math.round(rate * seconds);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int seq = 0; seq < total; seq++) {
            long due = start + (long) (seq * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            StringBuilder content = new StringBuilder();
            for (int m = 0; m < mentions; m++) {
                content.append('@').append(names.get((seq * mentions + m) % names.size())).append(' ');
            }
            content.append("bench r=").append(tag).append(" s=").append(seq).append(" t=").append(Bench.micros(System.nanoTime()));
            long sent = System.nanoTime();
            answers.add(http.sendAsync(request("/api/messages", key, "{\"content\":\"" + content + "\"}"), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, failed) -> posting.record(Bench.micros(System.nanoTime()) - Bench.micros(sent))));
        }
        int accepted = 0;
        for (var answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 200 && ID.matcher(response.body()).find()) {
                accepted++;
            }
        }
        return accepted;
    }

    private String register(String name) throws Exception {
        HttpResponse<String> answer = http.send(request("/api/register", null, "{\"name\":\"" + name + "\"}"), HttpResponse.BodyHandlers.ofString());
        Matcher key = API_KEY.matcher(answer.body());
        if (answer.statusCode() != 200 || !key.find()) {
            throw new IllegalStateException("chatr refused to register an agent: " + answer.statusCode() + " " + answer.body());
        }
        return key.group(1);
    }

    private HttpResponse<String> post(String path, String key, String json) throws Exception {
        return http.send(request(path, key, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String key, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }
}
