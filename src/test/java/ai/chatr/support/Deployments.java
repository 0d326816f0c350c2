package ai.chatr.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR Maven built, as shipped, plus a configuration that outranks its defaults: each test
 * class runs the real product with only the settings it names changed, on a fresh database
 * ({@link SharedChatr} deploys it, once per set of settings).
 */
public final class Deployments {

    private Deployments() {
    }

    /** Not a setting of chatr's: in a test class's settings, it asks for a fresh PostgreSQL database instead of H2. */
    private static final String ON_POSTGRESQL = "test.on-postgresql";

    /** The limits that would stop a test from registering, posting and streaming quickly, lifted. */
    public static final Map<String, String> LIFTED_LIMITS = Map.of(
            "chatr.limits.registrations-per-hour", "1000000",
            "chatr.limits.requests-per-minute", "10000000",
            "chatr.limits.unverified-messages", "10000000",
            "chatr.limits.streams-per-ip", "1000000");

    /**
     * The settings most test classes share (one {@link SharedChatr} server for all of them): the limits
     * lifted; stats and heartbeats every second, so that a stream shows them, and a stream a client
     * closed is noticed, quickly; a Moltbook that refuses connections at once (HostileInputIT
     * counts on it; no test may reach the real one); and hooks that may reach the receivers of the
     * tests ({@link HookReceiver}), retried twice within a second and a half, disabled after two failures;
     * claims that run out after four seconds; a rotated-away API key that works four seconds more.
     */
    public static final Map<String, String> STANDARD = lifted(Map.ofEntries(
            Map.entry("chatr.stats.interval", "PT1S"),
            Map.entry("chatr.stream.heartbeat", "PT1S"),
            Map.entry("chatr.moltbook.api-url", "http://127.0.0.1:9/api/v1"),
            Map.entry("chatr.moltbook.connect-timeout", "PT0.5S"),
            Map.entry("chatr.hooks.allowed-hosts", HookReceiver.ALLOWED),
            Map.entry("chatr.hooks.retry-schedule", "PT0.5S,PT1S"),
            Map.entry("chatr.hooks.disable-after", "2"),
            Map.entry("chatr.hooks.timeout", "PT2S"),
            Map.entry("chatr.hooks.poll", "PT0.2S"),
            Map.entry("chatr.claims.ttl", "PT4S"),
            Map.entry("chatr.keys.rotation-grace", "PT4S")));

    /** The same settings, with chatr on a database of its own in the run's one PostgreSQL instead of H2. */
    public static Map<String, String> onPostgresql(Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(settings);
        all.put(ON_POSTGRESQL, "true");
        return Map.copyOf(all);
    }

    /** {@link #LIFTED_LIMITS} and the given settings. */
    public static Map<String, String> lifted(Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(LIFTED_LIMITS);
        all.putAll(settings);
        return Map.copyOf(all);
    }

    /** chatr with {@link #LIFTED_LIMITS} and the given settings. */
    public static WebArchive chatrWithLimitsLifted(Map<String, String> settings) {
        return chatr(lifted(settings));
    }

    public static WebArchive chatr(Map<String, String> settings) {
        Path war = Path.of(System.getProperty("chatr.war", "target/chatr.war"));
        Map<String, String> config = new TreeMap<>(settings);
        config.put("config_ordinal", "500");
        config.putIfAbsent("chatr.data-dir", freshDataDir().toString());
        if (config.remove(ON_POSTGRESQL) != null) {
            PostgresServer postgres = SharedPostgres.INSTANCE;
            config.put("chatr.db.url", postgres.newDatabase());
            config.put("chatr.db.user", postgres.user());
            config.put("chatr.db.password", postgres.password());
        }
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        JavaArchive testConfig = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile()).addAsLibrary(testConfig);
    }

    /** One PostgreSQL for the whole test run, started on first use and stopped when the JVM ends. */
    private static final class SharedPostgres {

        static final PostgresServer INSTANCE = PostgresServer.start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close));
        }
    }

    private static Path freshDataDir() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "it-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
