package ai.chatr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of chatr's benchmark: drives chatr and nginx+nchan with the same load,
 * alternating them, and prints one {@code key=value} line per server and load point, then the
 * chatr/nchan ratios and the issue's targets. Arguments are {@code key=value} (see {@link #DEFAULTS}).
 *
 * <p>Load points: P1 (1000 streams × 50 msg/s), P2 (10000 × 5), the knee (1000 streams, the rate
 * doubled until something is lost, drains late or p99 passes 250 ms; past it, while a server keeps up,
 * the steps go on for the CPU crossover: the lowest rate at which chatr's CPU per event is below
 * nchan's), POST throughput (a few posters as fast as answers come), posting alone (32 keep-alive
 * posters, beside chatr's {@code /health} asked as hard: the container's floor), and a storm of new
 * streams each receiving its history.
 * Four more points are not run unless asked for ({@code points=slow,keys,abuse,hooks}): healthy streams'
 * latency with and without a hundred streams that never read, how long refusing or accepting an API
 * key takes for keys that exist, nearly exist, or do not, and how long {@code /health} takes while
 * hundreds of connections are held open by slow clients. {@code points=hooks} (chatr only): wake hooks on a
 * loopback receiver, mentioned at a steady rate ({@link HookLoad}): 500 and 1,500 deliveries a second
 * from posts that mention ten agents each, and 500 posts a second that mention one each.
 */
public final class Bench {

    static final long EPOCH = System.nanoTime();

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("points", "p1,p2,knee,post,postalone,storm");
        DEFAULTS.put("d", "20");               // seconds of publishing at P1 and P2
        DEFAULTS.put("p1.n", "1000");
        DEFAULTS.put("p1.rate", "50");
        DEFAULTS.put("p2.n", "10000");
        DEFAULTS.put("p2.rate", "5");
        DEFAULTS.put("knee.n", "1000");
        DEFAULTS.put("knee.rates", "5,10,25,50,100,200,400,800,1600");
        DEFAULTS.put("knee.d", "10");
        DEFAULTS.put("knee.p99", "250");       // ms
        DEFAULTS.put("knee.late", "1000");     // ms after the last answered post
        DEFAULTS.put("knee.past", "true");     // step a server past its knee while it keeps up (the CPU crossover)
        DEFAULTS.put("post.posters", "8");
        DEFAULTS.put("hooks.n", "50");         // hooks: agents with a wake hook each, on one receiver
        DEFAULTS.put("hooks.rate", "50");      // hooks: posts a second, each mentioning hooks.mentions agents (500 deliveries a second: half the aim)
        DEFAULTS.put("hooks.fast-rate", "150"); // hooks: posts a second at the fast point (1,500 deliveries a second)
        DEFAULTS.put("hooks.mentions", "10");  // hooks: agents each post mentions, so deliveries are not capped by posting
        DEFAULTS.put("hooks.one-rate", "500"); // hooks: posts a second at the one-mention point (500 posts, 500 deliveries)
        DEFAULTS.put("hooks.d", "10");         // hooks: seconds of each
        DEFAULTS.put("post.d", "10");          // seconds of post and postalone (each of its phases)
        DEFAULTS.put("postalone.clients", "32"); // keep-alive posters, and /health clients on chatr
        DEFAULTS.put("storm.rate", "1000");    // new streams per second
        DEFAULTS.put("storm.d", "10");
        DEFAULTS.put("slow.n", "20");          // healthy streams
        DEFAULTS.put("slow.rate", "50");
        DEFAULTS.put("slow.d", "15");          // seconds measured, right after the fill
        DEFAULTS.put("slow.stalled", "100");   // streams that never read
        DEFAULTS.put("slow.rounds", "3");      // runs alone and beside stalled streams, in turn
        DEFAULTS.put("slow.fill", "6");        // seconds of 1 KB posts as fast as 8 posters can, just before measuring
        DEFAULTS.put("abuse.slow-headers", "300");
        DEFAULTS.put("abuse.slow-bodies", "500");  // more than Payara's 400 workers
        DEFAULTS.put("abuse.streams", "30");  // streams that never read
        DEFAULTS.put("abuse.probes", "100");  // /health requests, 10 a second, alone and then abused
        DEFAULTS.put("keys.rounds", "2000");   // requests per kind of key
        DEFAULTS.put("keys.warmup", "300");
        DEFAULTS.put("prewarm", "10");         // seconds of unmeasured streams and posting per server first (JIT)
        DEFAULTS.put("warmup", "2");           // seconds of unmeasured publishing before each point
        DEFAULTS.put("drain", "10");           // seconds to wait for the last events
        DEFAULTS.put("content", "100");        // characters of message content: ~345-byte JSON frames
        DEFAULTS.put("agents", "8");           // chatr agents that post, in turn
        DEFAULTS.put("in-flight", "256");      // unanswered posts before the publisher skips one
        DEFAULTS.put("heap", "true");          // chatr: live heap per stream via jcmd GC.run at P2
        DEFAULTS.put("servers", "chatr,nchan"); // which of the started servers to drive
        DEFAULTS.put("histogram", "");         // a file for chatr's heap class histogram with P2's streams open
        DEFAULTS.put("db", "h2");              // chatr's database, as src/bench/run started it (h2 or postgresql)
        DEFAULTS.put("db.pid", "");            // PostgreSQL's postmaster, whose process tree's CPU is reported beside chatr's
    }

    private final Map<String, String> options;
    private final List<Target> targets = new ArrayList<>();
    private final HttpClient http;
    private final List<String> summary = new ArrayList<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private Verdict crossover; // set by the knee
    private final Map<String, Map<String, Map<String, String>>> results = new LinkedHashMap<>(); // point -> server -> figures

    private Bench(Map<String, String> options) {
        this.options = options;
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
        for (String name : List.of("chatr", "nchan")) {
            if (options.containsKey(name) && List.of(options.get("servers").split(",")).contains(name)) {
                targets.add(new Target(name, URI.create(options.get(name)), Long.parseLong(options.get(name + ".pid"))));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("Arguments are key=value, e.g. d=5 p2.n=2000; not " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Bench bench = new Bench(options);
        if (bench.targets.isEmpty()) {
            throw new IllegalArgumentException("Give chatr=URL chatr.pid=PID and/or nchan=URL nchan.pid=PID");
        }
        bench.run();
        System.exit(0);
    }

    static long micros(long nanos) {
        return (nanos - EPOCH) / 1000;
    }

    private void run() throws Exception {
        String run = tag();
        for (Target target : targets) {
            target.register(http, integer("agents"), run);
            prewarm(target);
        }
        for (String point : options.get("points").split(",")) {
            switch (point.trim()) {
                case "p1" -> each("P1", t -> fanout(t, "P1", integer("p1.n"), number("p1.rate"), number("d")));
                case "p2" -> each("P2", t -> fanout(t, "P2", integer("p2.n"), number("p2.rate"), number("d")));
                case "knee" -> knee();
                case "post" -> each("POST", this::posting);
                case "postalone" -> postAlone();
                case "storm" -> each("STORM", this::storm);
                case "slow" -> slow();
                case "abuse" -> each("ABUSE", t -> t.isChatr() ? new Abuse(t.address).measure(integer("abuse.slow-headers"),
                        integer("abuse.slow-bodies"), integer("abuse.streams"), integer("abuse.probes"))
                        : new LinkedHashMap<>(Map.of("skipped", "no /health")));
                case "hooks" -> {
                    hooks("HOOKS", number("hooks.rate"), integer("hooks.mentions"));
                    hooks("HOOKS_FAST", number("hooks.fast-rate"), integer("hooks.mentions"));
                    hooks("HOOKS_ONE", number("hooks.one-rate"), 1);
                }
                case "keys" -> each("KEYS", t -> t.isChatr() ? new KeyLookups(http, t).measure(integer("keys.rounds"), integer("keys.warmup"))
                        : new LinkedHashMap<>(Map.of("skipped", "no API keys")));
                default -> throw new IllegalArgumentException("Unknown point " + point);
            }
        }
        verdicts();
        table();
        System.out.println();
        System.out.println("=== summary ===");
        summary.forEach(System.out::println);
        System.out.flush();
    }

    private interface Point {
        Map<String, String> measure(Target target) throws Exception;
    }

    private void each(String point, Point measure) throws Exception {
        for (Target target : targets) {
            quiet();
            record(point, target, measure.measure(target));
        }
        ratios(point);
    }

    /** A hooks point: chatr only (nchan has no hooks), {@code rate} posts a second each mentioning {@code mentions} agents. */
    private void hooks(String point, double rate, int mentions) throws Exception {
        each(point, t -> t.isChatr() ? new HookLoad(http, t).measure(integer("hooks.n"), rate, mentions, number("hooks.d"), tag())
                : new LinkedHashMap<>(Map.of("skipped", "no hooks")));
    }

    private void record(String point, Target target, Map<String, String> figures) {
        figures.put("load1", loadAverage());
        results.computeIfAbsent(point, p -> new LinkedHashMap<>()).put(target.name, figures);
        print(line("point", point, "server", target.name) + " " + line(figures));
    }

    private interface Step {
        void run() throws Exception;
    }

    /** N streams, R posts a second for D seconds: delivery, loss, order, latency, server cost. */
    private Map<String, String> fanout(Target target, String point, int n, double rate, double seconds) throws Exception {
        return fanout(target, point, n, rate, seconds, () -> { });
    }

    /** As above, with {@code beforeMeasuring} done once the streams are open and warm, right before the measured posts. */
    private Map<String, String> fanout(Target target, String point, int n, double rate, double seconds, Step beforeMeasuring)
            throws Exception {
        String tag = tag();
        Publisher publisher = new Publisher(http, target, integer("content"));
        boolean heap = target.isChatr() && point.equals("P2") && Boolean.parseBoolean(options.get("heap"));
        long heapBase = heap ? heapUsedKb(target.pid) : 0;
        Proc.Usage base = Proc.of(target.pid);
        Map<String, String> f = new LinkedHashMap<>();
        try (Streams streams = new Streams(target.address, target.streamPath(), tag, n, (int) Math.ceil(rate * seconds) + 1, false, 0)) {
            long connectStart = System.nanoTime();
            for (int opened = 0; opened < n; ) {
                int batch = Math.min(n - opened, Math.max(0, 500 - (opened - streams.settled())));
                streams.open(batch);
                opened += batch;
                Thread.sleep(2);
            }
            waitFor(() -> streams.settled() >= n, 60);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            long heapConnected = heap ? heapUsedKb(target.pid) : 0;
            if (heap && !options.get("histogram").isBlank()) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(options.get("histogram")),
                        command("jcmd", String.valueOf(target.pid), "GC.class_histogram"));
            }
            Proc.Usage connected = Proc.of(target.pid);

            publisher.atRate(tag(), rate, number("warmup"), integer("in-flight"));
            Thread.sleep(1000);
            beforeMeasuring.run();
            long deliveredBefore = streams.delivered.get();
            Proc.Usage before = Proc.of(target.pid);
            Proc.Usage selfBefore = Proc.self();
            Publisher.Published published = publisher.atRate(tag, rate, seconds, integer("in-flight"));
            long answered = System.nanoTime();
            int expected = published.acceptedCount();
            waitFor(() -> streams.caughtUp(expected), number("drain"));
            double drainMs = (System.nanoTime() - answered) / 1e6;
            Proc.Usage after = Proc.of(target.pid);
            Proc.Usage selfAfter = Proc.self();
            long delivered = streams.delivered.get() - deliveredBefore;
            int dropped = streams.dropped.get();
            int failed = streams.failed.get() + (n - streams.settled());
            streams.close();

            long lost = 0;
            long duplicated = 0;
            long reordered = 0;
            for (Streams.Conn conn : streams.connections()) {
                if (conn.inBody) {
                    BitSet missing = (BitSet) published.accepted().clone();
                    missing.andNot(conn.seen);
                    lost += missing.cardinality();
                    duplicated += conn.duplicated;
                    reordered += conn.reordered;
                }
            }
            lost += (long) failed * expected;
            double cpu = (after.ticks() - before.ticks()) / Proc.TICKS_PER_SECOND;
            f.put("subs", String.valueOf(n));
            f.put("rate", fmt(rate));
            f.put("posted", String.valueOf(published.attempted()));
            f.put("accepted", String.valueOf(expected));
            f.put("post_errors", String.valueOf(published.errors() + published.skipped()));
            f.put("delivered", String.valueOf(delivered));
            f.put("events_per_s", fmt(delivered / published.seconds()));
            f.put("lost", String.valueOf(lost));
            f.put("duplicated", String.valueOf(duplicated));
            f.put("reordered", String.valueOf(reordered));
            f.put("dropped_streams", String.valueOf(dropped));
            f.put("failed_streams", String.valueOf(failed));
            f.put("p50_ms", fmt(streams.latency.percentileMs(50)));
            f.put("p99_ms", fmt(streams.latency.percentileMs(99)));
            f.put("max_ms", fmt(streams.latency.maxMs()));
            f.put("spread_p99_ms", fmt(streams.spread.percentileMs(99)));
            f.put("drain_ms", fmt(drainMs));
            f.put("post_p99_ms", fmt(published.latency().percentileMs(99)));
            f.put("cpu_s", fmt(cpu));
            f.put("cpu_s_per_1k", fmt(delivered == 0 ? 0 : cpu * 1000 / delivered));
            f.put("cpu_us_per_event", fmt(delivered == 0 ? 0 : cpu * 1e6 / delivered));
            f.put("rss_mb", fmt(Math.max(connected.rssKb(), after.rssKb()) / 1024.0));
            f.put("kb_per_sub", fmt((connected.rssKb() - base.rssKb()) / (double) n));
            if (heap) {
                f.put("heap_kb_per_sub", fmt((heapConnected - heapBase) / (double) n));
            }
            f.put("connect_s", fmt(connectSeconds));
            f.put("gen_cpu_s", fmt((selfAfter.ticks() - selfBefore.ticks()) / Proc.TICKS_PER_SECOND));
            boolean late = drainMs > number("knee.late");
            f.put("kept_up", String.valueOf(published.errors() + published.skipped() == 0));
            f.put("result", lost > 0 || failed > 0 ? "FAIL" : "PASS");
            f.put("late", String.valueOf(late));
        }
        return f;
    }

    /**
     * Waits (at most a minute) until no server burns more than a tenth of a core, so that work
     * left over from one measurement (posts still being processed) does not weigh on the next.
     */
    private void quiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long[] before = targets.stream().mapToLong(t -> Proc.of(t.pid).ticks()).toArray();
            Thread.sleep(500);
            boolean idle = true;
            for (int i = 0; i < targets.size(); i++) {
                idle &= Proc.of(targets.get(i).pid).ticks() - before[i] <= 5;
            }
            if (idle) {
                return;
            }
        }
    }

    /** A freshly started JVM spends its first seconds compiling: give both servers the same warm-up. */
    private void prewarm(Target target) throws Exception {
        double seconds = number("prewarm");
        if (seconds <= 0) {
            return;
        }
        try (Streams streams = new Streams(target.address, target.streamPath(), tag(), 200, 0, false, 0)) {
            streams.open(200);
            waitFor(() -> streams.settled() >= 200, 30);
            new Publisher(http, target, integer("content")).closedLoop(tag(), 4, seconds);
        }
        Thread.sleep(1000);
    }

    /**
     * At knee.n streams, double the rate until a step loses, drains late or its p99 passes knee.p99:
     * the knee is the last step that held. With knee.past, a server whose knee is behind it is stepped
     * on for as long as its steps stay measurable (every post sent and accepted, nothing lost, no
     * stream dropped), and each rate both servers were measured at compares their CPU per delivered
     * event: the crossover is the lowest rate at which chatr's (batched writes) is below nchan's (one
     * write per event).
     */
    private void knee() throws Exception {
        Map<String, double[]> best = new LinkedHashMap<>(); // server -> {rate, events/s, p99}
        Set<String> broke = new HashSet<>();               // servers past their knee
        Map<Double, Map<String, Double>> cpu = new LinkedHashMap<>(); // rate -> server -> µs per event, of measurable steps
        List<Target> going = new ArrayList<>(targets);
        for (String step : options.get("knee.rates").split(",")) {
            double rate = Double.parseDouble(step.trim());
            for (Target target : new ArrayList<>(going)) {
                quiet();
                Map<String, String> f = fanout(target, "knee", integer("knee.n"), rate, number("knee.d"));
                boolean measurable = f.get("result").equals("PASS") && Integer.parseInt(f.get("post_errors")) == 0
                        && Integer.parseInt(f.get("dropped_streams")) == 0;
                boolean ok = measurable && f.get("late").equals("false") && Double.parseDouble(f.get("p99_ms")) <= number("knee.p99");
                boolean past = broke.contains(target.name);
                f.put("step", past ? "past_knee" : ok ? "held" : "broke");
                record("knee@" + fmt(rate), target, f);
                if (measurable) {
                    cpu.computeIfAbsent(rate, r -> new LinkedHashMap<>()).put(target.name, Double.parseDouble(f.get("cpu_us_per_event")));
                }
                if (ok && !past) {
                    best.put(target.name, new double[] {rate, Double.parseDouble(f.get("events_per_s")), Double.parseDouble(f.get("p99_ms"))});
                } else if (!ok) {
                    broke.add(target.name);
                }
                if (!ok && !(measurable && Boolean.parseBoolean(options.get("knee.past")))) {
                    going.remove(target);
                }
            }
            crossoverStep(rate, cpu.getOrDefault(rate, Map.of()));
            if (going.isEmpty()) {
                break;
            }
        }
        for (Target target : targets) {
            double[] b = best.getOrDefault(target.name, new double[3]);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("knee_rate", fmt(b[0]));
            f.put("events_per_s", fmt(b[1]));
            f.put("p99_ms", fmt(b[2]));
            f.put("lower_bound", String.valueOf(!broke.contains(target.name))); // never broke: the knee is above the last rate tried
            record("KNEE", target, f);
        }
        ratios("KNEE");
        crossover(cpu);
    }

    /** One knee step's CPU per delivered event, when both servers were measurable at it. */
    private void crossoverStep(double rate, Map<String, Double> cpu) {
        if (cpu.containsKey("chatr") && cpu.containsKey("nchan")) {
            double chatr = cpu.get("chatr");
            double nchan = cpu.get("nchan");
            print(line("point", "CROSSOVER@" + fmt(rate), "chatr_cpu_us_per_event", fmt(chatr), "nchan_cpu_us_per_event", fmt(nchan),
                    "ratio", fmt(chatr / Math.max(1e-9, nchan)), "chatr_below", String.valueOf(chatr < nchan)));
        }
    }

    /** The lowest knee rate at which chatr's CPU per event was below nchan's, or none up to the highest rate both were measured at. */
    private void crossover(Map<Double, Map<String, Double>> cpu) {
        if (!targets.stream().map(t -> t.name).toList().containsAll(List.of("chatr", "nchan"))) {
            return;
        }
        double highest = 0;
        for (Map.Entry<Double, Map<String, Double>> step : cpu.entrySet()) {
            Map<String, Double> both = step.getValue();
            if (both.containsKey("chatr") && both.containsKey("nchan")) {
                double ratio = both.get("chatr") / Math.max(1e-9, both.get("nchan"));
                if (ratio < 1) {
                    print(line("point", "CROSSOVER", "subs", options.get("knee.n"), "crossover_rate", fmt(step.getKey()),
                            "chatr_cpu_us_per_event", fmt(both.get("chatr")), "nchan_cpu_us_per_event", fmt(both.get("nchan")),
                            "ratio", fmt(ratio)));
                    crossover = new Verdict("BEYOND_NCHAN_cpu_crossover", fmt(both.get("chatr")), "nchan", fmt(both.get("nchan")),
                            fmt(ratio), "<1 at some rate", "FOUND at " + fmt(step.getKey()) + " msg/s");
                    return;
                }
                highest = step.getKey();
            }
        }
        print(line("point", "CROSSOVER", "subs", options.get("knee.n"), "crossover_rate", "none", "up_to", fmt(highest)));
        crossover = new Verdict("BEYOND_NCHAN_cpu_crossover", "-", "nchan", "-", "-", "<1 at some rate",
                highest == 0 ? "none: no rate measured on both" : "none up to " + fmt(highest) + " msg/s");
    }

    /**
     * Issue 7's slow clients: slow.n healthy streams at slow.rate, alone and beside slow.stalled
     * streams that never read, slow.rounds times each, in turn. Every run starts with the same
     * fill (1 KB posts as fast as they are answered, for slow.fill seconds: more than the kernel
     * buffers for a stalled stream hold), so that during the measured slow.d seconds every
     * stalled stream is stuck; the verdict compares the median of the healthy streams' p99
     * latencies beside stalled streams with the median alone (limit: 1.5 times).
     */
    private void slow() throws Exception {
        for (Target target : targets) {
            List<Double> alone = new ArrayList<>();
            List<Double> beside = new ArrayList<>();
            boolean allDelivered = true;
            for (int round = 1; round <= integer("slow.rounds"); round++) {
                Map<String, String> f = slowRun(target, 0);
                record("SLOW_alone#" + round, target, f);
                alone.add(Double.parseDouble(f.get("p99_ms")));
                f = slowRun(target, integer("slow.stalled"));
                record("SLOW_beside_stalled#" + round, target, f);
                beside.add(Double.parseDouble(f.get("p99_ms")));
                allDelivered &= f.get("result").equals("PASS");
            }
            double ratio = median(beside) / Math.max(1e-3, median(alone));
            print(line("target", "SLOW_p99_ratio", "server", target.name, "alone_median_ms", fmt(median(alone)),
                    "beside_stalled_median_ms", fmt(median(beside)), "ratio", fmt(ratio), "limit", "<=1.5",
                    "result", ratio <= 1.5 && allDelivered ? "MEETS" : "MISSES"));
        }
    }

    /** One run of {@link #slow()}: the healthy streams' figures, with what became of the stalled ones. */
    private Map<String, String> slowRun(Target target, int stalledCount) throws Exception {
        quiet();
        int[] filled = new int[1];
        Step fill = () -> filled[0] = new Publisher(http, target, 250, Target.LOBSTERS)
                .closedLoop(tag(), 8, number("slow.fill")).acceptedCount();
        try (Stalled stalled = new Stalled(target.address, target.streamPath(), stalledCount)) {
            long[] stuck = new long[2];
            Map<String, String> f = fanout(target, "SLOW", integer("slow.n"), number("slow.rate"), number("slow.d"), () -> {
                fill.run();
                stuck[0] = stalled.queuedInKernel();
                stuck[1] = stalled.closedByServer();
            });
            f.put("fill_posts", String.valueOf(filled[0]));
            f.put("stalled", String.valueOf(stalledCount));
            if (stalledCount > 0) {
                f.put("stalled_kernel_mb_after_fill", fmt(stuck[0] / 1e6));
                f.put("stalled_closed_after_fill", String.valueOf(stuck[1]));
                f.put("stalled_kernel_mb_at_end", fmt(stalled.queuedInKernel() / 1e6));
                f.put("stalled_closed_at_end", String.valueOf(stalled.closedByServer()));
            }
            return f;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** A few posters, each posting as soon as the last answer came: accepted posts a second. */
    private Map<String, String> posting(Target target) throws Exception {
        Proc.Usage before = Proc.of(target.pid);
        Publisher.Published p = new Publisher(http, target, integer("content"))
                .closedLoop(tag(), integer("post.posters"), number("post.d"));
        Proc.Usage after = Proc.of(target.pid);
        double cpu = (after.ticks() - before.ticks()) / Proc.TICKS_PER_SECOND;
        Map<String, String> f = new LinkedHashMap<>();
        f.put("posters", options.get("post.posters"));
        f.put("accepted", String.valueOf(p.acceptedCount()));
        f.put("errors", String.valueOf(p.errors()));
        f.put("posts_per_s", fmt(p.acceptedCount() / p.seconds()));
        f.put("p50_ms", fmt(p.latency().percentileMs(50)));
        f.put("p99_ms", fmt(p.latency().percentileMs(99)));
        f.put("max_ms", fmt(p.latency().maxMs()));
        f.put("cpu_us_per_post", fmt(p.acceptedCount() == 0 ? 0 : cpu * 1e6 / p.acceptedCount()));
        f.put("durable", String.valueOf(target.isChatr()));
        return f;
    }

    /**
     * Posting alone, no streams open: postalone.clients keep-alive posters for post.d seconds, each
     * posting as soon as its last post was answered (chatr: on disk when answered). On chatr, in the
     * same run, as many keep-alive clients ask for {@code /health} for as long: the container's own
     * floor, a request that does no work. nchan's publish rate at as many publishers is for reference.
     */
    private void postAlone() throws Exception {
        for (Target target : targets) {
            int clients = integer("postalone.clients");
            double seconds = number("post.d");
            KeepAlive keepAlive = new KeepAlive(target.address);
            String tag = tag();
            IntFunction<byte[]> post = seq -> target.rawPublish(
                    Target.content(tag, seq, micros(System.nanoTime()), integer("content"), Target.PROSE), seq);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("db", target.isChatr() ? options.get("db") : "memory");
            f.put("clients", String.valueOf(clients));
            quiet();
            if (target.isChatr()) {
                byte[] health = KeepAlive.get(target.address, "/health");
                keepAlive.run(clients, number("warmup"), seq -> health); // unmeasured: the JIT
                quiet();
                keepAliveFigures(f, "health", "health", target, () -> keepAlive.run(clients, seconds, seq -> health));
                quiet();
            }
            keepAlive.run(clients, number("warmup"), post);
            quiet();
            keepAliveFigures(f, "posts", "post", target, () -> keepAlive.run(clients, seconds, post));
            if (target.isChatr()) {
                f.put("post_vs_health_rate", ratio(f.get("posts_per_s"), f.get("health_per_s")));
                f.put("post_vs_health_p99", ratio(f.get("post_p99_ms"), f.get("health_p99_ms")));
            }
            f.put("durable", String.valueOf(target.isChatr()));
            f.put("result", f.get("post_errors").equals("0") && f.getOrDefault("health_errors", "0").equals("0") ? "PASS" : "FAIL");
            record("POSTALONE", target, f);
        }
        ratios("POSTALONE");
    }

    private interface Requests {
        KeepAlive.Result run() throws Exception;
    }

    /** Runs {@code requests} and puts its figures: {@code <rate>_per_s}, {@code <name>_p50_ms} …, server CPU per request. */
    private void keepAliveFigures(Map<String, String> f, String rate, String name, Target target, Requests requests) throws Exception {
        boolean db = target.isChatr() && !options.get("db.pid").isBlank();
        Proc.Usage before = Proc.of(target.pid);
        Proc.Usage dbBefore = db ? Proc.of(Long.parseLong(options.get("db.pid"))) : null;
        KeepAlive.Result r = requests.run();
        Proc.Usage after = Proc.of(target.pid);
        f.put(rate + "_per_s", fmt(r.perSecond()));
        f.put(name + "_ok", String.valueOf(r.ok()));
        f.put(name + "_errors", String.valueOf(r.errors()));
        f.put(name + "_connections", String.valueOf(r.connections())); // as many as clients: every connection kept alive
        f.put(name + "_p50_ms", fmt(r.latency().percentileMs(50)));
        f.put(name + "_p99_ms", fmt(r.latency().percentileMs(99)));
        f.put(name + "_max_ms", fmt(r.latency().maxMs()));
        f.put(name + "_cpu_us_per_req", fmt(r.ok() == 0 ? 0 : (after.ticks() - before.ticks()) / Proc.TICKS_PER_SECOND * 1e6 / r.ok()));
        if (db) {
            Proc.Usage dbAfter = Proc.of(Long.parseLong(options.get("db.pid")));
            f.put(name + "_db_cpu_us_per_req", fmt(r.ok() == 0 ? 0 : (dbAfter.ticks() - dbBefore.ticks()) / Proc.TICKS_PER_SECOND * 1e6 / r.ok()));
        }
    }

    /** storm.rate new streams a second for storm.d seconds, each closed once its history is in. */
    private Map<String, String> storm(Target target) throws Exception {
        new Publisher(http, target, integer("content")).atRate(tag(), 400, 0.5, 256); // a full history
        double rate = number("storm.rate");
        int total = (int) Math.round(rate * number("storm.d"));
        Proc.Usage before = Proc.of(target.pid);
        Map<String, String> f = new LinkedHashMap<>();
        try (Streams streams = new Streams(target.address, target.historyPath(), tag(), total, 0, true, target.historyEvents())) {
            long start = System.nanoTime();
            int opened = 0;
            while (opened < total) {
                int due = (int) Math.min(total, (System.nanoTime() - start) / 1e9 * rate + 1);
                if (due > opened) {
                    streams.open(due - opened);
                    opened = due;
                }
                Thread.sleep(5);
            }
            waitFor(() -> streams.historyDone.get() + streams.failed.get() + streams.dropped.get() >= total, 30);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Proc.Usage after = Proc.of(target.pid);
            int done = streams.historyDone.get();
            double cpu = (after.ticks() - before.ticks()) / Proc.TICKS_PER_SECOND;
            f.put("streams", String.valueOf(total));
            f.put("with_history", String.valueOf(done));
            f.put("failed_streams", String.valueOf(total - done));
            f.put("streams_per_s", fmt(done / elapsed));
            f.put("history_p50_ms", fmt(streams.historyLatency.percentileMs(50)));
            f.put("history_p99_ms", fmt(streams.historyLatency.percentileMs(99)));
            f.put("history_max_ms", fmt(streams.historyLatency.maxMs()));
            f.put("cpu_ms_per_stream", fmt(done == 0 ? 0 : cpu * 1000 / done));
            f.put("result", done == total ? "PASS" : "FAIL");
        }
        return f;
    }

    private void ratios(String point) {
        Map<String, Map<String, String>> byServer = results.get(point);
        if (byServer == null || !byServer.containsKey("chatr") || !byServer.containsKey("nchan")) {
            return;
        }
        Map<String, String> chatr = byServer.get("chatr");
        Map<String, String> nchan = byServer.get("nchan");
        Map<String, String> ratio = new LinkedHashMap<>();
        for (String key : List.of("events_per_s", "knee_rate", "posts_per_s", "streams_per_s", "p50_ms", "p99_ms", "max_ms", "spread_p99_ms",
                "history_p50_ms", "history_p99_ms", "post_p50_ms", "post_p99_ms", "cpu_us_per_event", "cpu_us_per_post", "post_cpu_us_per_req", "cpu_ms_per_stream",
                "rss_mb", "kb_per_sub", "connect_s")) {
            if (chatr.containsKey(key) && nchan.containsKey(key)) {
                ratio.put(key, ratio(chatr.get(key), nchan.get(key)));
            }
        }
        print(line("point", point, "ratio", "chatr/nchan") + " " + line(ratio));
    }

    /** One of the issue's targets: chatr's figure against nchan's (or the figure named in {@code against}). */
    private record Verdict(String target, String chatr, String against, String other, String ratio, String limit, String result) {
    }

    /** The issue's targets, each with the figure that decides it (issue 11). */
    private void verdicts() {
        lost("P1");
        verdict("P1", "p99_ms", 2.0, true, false);
        verdict("P1", "cpu_us_per_event", 1.5, true, false);
        verdict("P1", "post_p99_ms", 2.0, true, false); // POST p99 beside nchan's publish p99, while the fan-out runs
        lost("P2");
        verdict("P2", "p99_ms", 2.0, true, false);
        verdict("P2", "cpu_us_per_event", 1.5, true, false);
        verdict("P2", "kb_per_sub", 3.0, true, false);
        verdict("KNEE", "events_per_s", 0.7, false, false);
        verdict("STORM", "history_p99_ms", 2.0, true, true);
        againstHealth("posts_per_s", "health_per_s", 0.5, false);
        againstHealth("post_p99_ms", "health_p99_ms", 2.0, true);
        Map<String, Map<String, String>> alone = results.getOrDefault("POSTALONE", Map.of());
        if (alone.containsKey("chatr") && alone.containsKey("nchan")) { // no target: nchan's publish rate at as many publishers
            verdicts.add(new Verdict("POSTALONE_posts_per_s", alone.get("chatr").get("posts_per_s"), "nchan",
                    alone.get("nchan").get("posts_per_s"), ratio(alone.get("chatr").get("posts_per_s"), alone.get("nchan").get("posts_per_s")),
                    "-", "(reference)"));
        }
        verdicts.add(crossover != null ? crossover
                : new Verdict("BEYOND_NCHAN_cpu_crossover", "-", "nchan", "-", "-", "<1 at some rate", "NOT RUN (knee)"));
    }

    /** Nothing lost at a fan-out point: chatr's lost messages (and failed streams) must be none. */
    private void lost(String point) {
        Map<String, Map<String, String>> byServer = results.getOrDefault(point, Map.of());
        Map<String, String> chatr = byServer.get("chatr");
        if (chatr == null) {
            verdicts.add(new Verdict(point + "_lost", "-", "nchan", "-", "-", "=0", "NOT RUN"));
            return;
        }
        String nchan = byServer.containsKey("nchan") ? byServer.get("nchan").get("lost") : "-";
        String result = chatr.get("lost").equals("0") && chatr.get("result").equals("PASS") ? "MEETS" : "MISSES";
        print(line("target", point + "_lost", "chatr", chatr.get("lost"), "nchan", nchan, "limit", "0", "result", result));
        verdicts.add(new Verdict(point + "_lost", chatr.get("lost"), "nchan", nchan, "-", "=0", result));
    }

    /** chatr's figure over nchan's within the limit; with {@code gate}, chatr's result must be PASS as well (nothing refused). */
    private void verdict(String point, String key, double limit, boolean atMost, boolean gate) {
        String name = point + "_" + key;
        String bound = (atMost ? "<=" : ">=") + fmt(limit) + "x";
        Map<String, Map<String, String>> byServer = results.get(point);
        if (byServer == null || !byServer.containsKey("chatr")) {
            verdicts.add(new Verdict(name, "-", "nchan", "-", "-", bound, "NOT RUN"));
            return;
        }
        String chatr = byServer.get("chatr").get(key);
        if (!byServer.containsKey("nchan")) {
            verdicts.add(new Verdict(name, chatr, "nchan", "-", "-", bound, "NO NCHAN"));
            return;
        }
        String nchan = byServer.get("nchan").get(key);
        double r = Double.parseDouble(chatr) / Math.max(1e-9, Double.parseDouble(nchan));
        boolean passed = !gate || byServer.get("chatr").get("result").equals("PASS");
        boolean meets = (atMost ? r <= limit : r >= limit) && passed;
        String result = meets ? "MEETS" : passed ? "MISSES" : "MISSES (chatr result=FAIL)";
        print(line("target", name, "chatr", chatr, "nchan", nchan, "ratio", fmt(r),
                "limit", (atMost ? "<=" : ">=") + fmt(limit), "result", meets ? "MEETS" : "MISSES")
                + (gate ? " chatr_result=" + byServer.get("chatr").get("result") : ""));
        verdicts.add(new Verdict(name, chatr, "nchan", nchan, fmt(r), bound, result));
    }

    /** Posting alone: chatr's POST figure over its own /health figure, measured in the same run. */
    private void againstHealth(String key, String healthKey, double limit, boolean atMost) {
        String name = "POSTALONE_" + key + "_vs_health";
        String bound = (atMost ? "<=" : ">=") + fmt(limit) + "x";
        Map<String, String> chatr = results.getOrDefault("POSTALONE", Map.of()).get("chatr");
        if (chatr == null) {
            verdicts.add(new Verdict(name, "-", "/health", "-", "-", bound, "NOT RUN"));
            return;
        }
        double r = Double.parseDouble(chatr.get(key)) / Math.max(1e-9, Double.parseDouble(chatr.get(healthKey)));
        boolean meets = (atMost ? r <= limit : r >= limit) && chatr.get("result").equals("PASS");
        print(line("target", name, "chatr", chatr.get(key), "health", chatr.get(healthKey), "ratio", fmt(r),
                "limit", (atMost ? "<=" : ">=") + fmt(limit), "db", chatr.get("db"), "result", meets ? "MEETS" : "MISSES"));
        verdicts.add(new Verdict(name, chatr.get(key), "/health", chatr.get(healthKey), fmt(r), bound, meets ? "MEETS" : "MISSES"));
    }

    /** Every target in one table, for the summary only (the target= lines above carry the same figures). */
    private void table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"target", "chatr", "against", "figure", "ratio", "limit", "verdict"});
        for (Verdict v : verdicts) {
            rows.add(new String[] {v.target(), v.chatr(), v.against(), v.other(), v.ratio(), v.limit(), v.result()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        summary.add("");
        summary.add("=== targets (chatr db=" + options.get("db") + ") ===");
        for (String[] row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row[i]));
            }
            summary.add(text.toString());
        }
    }

    private void print(String line) {
        summary.add(line);
        System.out.println(line);
        System.out.flush();
    }

    /** The machine's 1-minute load average: above 2 on this 2-core machine, something else competed. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException unreadable) {
            return "?";
        }
    }

    private static long heapUsedKb(long pid) throws IOException, InterruptedException {
        command("jcmd", String.valueOf(pid), "GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(command("jcmd", String.valueOf(pid), "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : 0;
    }

    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return text;
        }
    }

    private static void waitFor(BooleanSupplier condition, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static String tag() {
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            tag.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return tag.toString();
    }

    private int integer(String key) {
        return Integer.parseInt(options.get(key));
    }

    private double number(String key) {
        return Double.parseDouble(options.get(key));
    }

    private static String ratio(String a, String b) {
        double x = Double.parseDouble(a);
        double y = Double.parseDouble(b);
        return y == 0 ? (x == 0 ? "1" : "inf") : fmt(x / y);
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 1 ? "%.2f" : "%.3f", value);
    }

    private static String line(String... pairs) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            line.append(i == 0 ? "" : " ").append(pairs[i]).append('=').append(pairs[i + 1]);
        }
        return line.toString();
    }

    private static String line(Map<String, String> figures) {
        StringBuilder line = new StringBuilder();
        figures.forEach((k, v) -> line.append(line.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return line.toString();
    }
}
