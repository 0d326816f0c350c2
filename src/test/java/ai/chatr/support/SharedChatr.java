package ai.chatr.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One real Payara Micro per configuration, shared by every test class that asks for the same settings:
 * the WAR Maven built, deployed at the root context with a {@code microprofile-config.properties} that
 * outranks its defaults (see {@link Deployments#chatr}), on a fresh database.
 *
 * <p>A test class joins with two lines and a settings method:
 * <pre>
 * &#64;ExtendWith(SharedChatr.class)
 * class SomethingIT {
 *     &#64;SharedChatr.Settings
 *     static Map&lt;String, String&gt; settings() {
 *         return Deployments.STANDARD;          // the same settings as other classes: the same server
 *     }
 *
 *     &#64;SharedChatr.Served
 *     Api api;
 * </pre>
 * Classes whose settings are equal share one server; a class with settings of its own gets one of its
 * own. Classes that share a server see each other's data: use fresh agents (and addresses), and assert
 * on what changed, never on global totals. {@link SharedChatrTimes} starts the server the next class needs
 * while the current one runs, and stops a server after the last class that uses it.
 *
 * <p>Arquillian's Payara Micro managed container boots and deploys each server; Arquillian's JUnit 5
 * extension would do so once per test class, which made the suite twice as slow.
 */
public final class SharedChatr implements BeforeAllCallback, TestInstancePostProcessor {

    /** The static, parameterless method of a test class that answers its settings. Called once per class. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Settings {
    }

    /** A field of type {@link Api} that receives the API of the class's server. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Served {
    }

    /** ~10 s on an idle 2-core machine; more than 3 minutes has been seen with several builds running beside. */
    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final Map<Class<?>, Map<String, String>> SETTINGS = new ConcurrentHashMap<>();
    private static final Map<Map<String, String>, CompletableFuture<Server>> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedChatr::stopAll));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context.getRequiredTestClass());
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
        Server server = server(context.getRequiredTestClass());
        for (Class<?> type = instance.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Served.class)) {
                    field.setAccessible(true);
                    field.set(instance, new Api(server.base().toURL()));
                }
            }
        }
    }

    /** Whether {@code testClass} runs against a shared chatr. */
    static boolean uses(Class<?> testClass) {
        return settingsMethod(testClass) != null;
    }

    /** Starts the server of {@code testClass} in the background, unless it runs or is starting already. */
    static void prepare(Class<?> testClass) {
        RUNNING.computeIfAbsent(settings(testClass), SharedChatr::boot);
    }

    /**
     * Starts the server of {@code next} in the background once the server of {@code current} is up (or failed),
     * so that two boots never compete with each other for the CPU.
     */
    static void prepareAfter(Class<?> current, Class<?> next) {
        CompletableFuture<Server> now = RUNNING.get(settings(current));
        if (now == null) {
            prepare(next);
        } else {
            now.whenComplete((server, failure) -> prepare(next));
        }
    }

    /** Stops the server of {@code testClass} (the last class that needed it has run). */
    static void release(Class<?> testClass) {
        CompletableFuture<Server> server = RUNNING.remove(settings(testClass));
        if (server != null) {
            server.thenAccept(Server::stop);
        }
    }

    static Map<String, String> settings(Class<?> testClass) {
        return SETTINGS.computeIfAbsent(testClass, SharedChatr::readSettings);
    }

    /** The running server for {@code testClass}, started now if it was not started ahead. */
    public static Server server(Class<?> testClass) {
        CompletableFuture<Server> server = RUNNING.computeIfAbsent(settings(testClass), SharedChatr::boot);
        try {
            return server.get(BOOT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failed ? failed : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("chatr did not start in time", e);
        }
    }

    static void stopAll() {
        RUNNING.values().forEach(server -> server.thenAccept(Server::stop));
        RUNNING.clear();
    }

    private static Method settingsMethod(Class<?> testClass) {
        for (Method method : testClass.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Settings.class)) {
                return method;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readSettings(Class<?> testClass) {
        Method method = settingsMethod(testClass);
        if (method == null || !Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
            throw new IllegalStateException(testClass.getName() + " needs a static @SharedChatr.Settings method without parameters");
        }
        try {
            method.setAccessible(true);
            return new TreeMap<>((Map<String, String>) method.invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<Server> boot(Map<String, String> settings) {
        return CompletableFuture.supplyAsync(() -> Server.start(settings));
    }

    /**
     * chatr with some settings, deployed by Arquillian's Payara Micro managed container (its
     * {@link PayaraMicroDeployableContainer}, driven here once per configuration instead of once per class),
     * logging to {@code server.log*} in {@code dir} ({@code target/it-servers/chatr-N-…}).
     */
    public record Server(PayaraMicroDeployableContainer container, Archive<?> war, URI base, Path dir) {

        static Server start(Map<String, String> settings) {
            try {
                Path target = Path.of("target").toAbsolutePath();
                // a folder of its own: Payara keeps its deployments in its root folder, and each run of the
                // failsafe plugin (H2, PostgreSQL) is a JVM of its own that counts its servers from 1 again
                Path dir = Files.createTempDirectory(Files.createDirectories(target.resolve("it-servers")),
                        "chatr-" + SERVERS.incrementAndGet() + "-");
                Path root = Files.createDirectories(dir.resolve("payara"));
                int port = Launcher.freePort();
                PayaraMicroContainerConfiguration configuration = new PayaraMicroContainerConfiguration();
                configuration.setMicroJar(target.resolve("payara-micro.jar").toString());
                configuration.setRandomHttpPort(false);
                configuration.setClusterEnabled(true); // false would add --nocluster, which still starts Hazelcast
                configuration.setStartupTimeoutInSeconds((int) BOOT.toSeconds());
                configuration.setOutputToConsole(false);
                configuration.setExtraMicroOptions(String.join(" ", "--port", Integer.toString(port), "--nohazelcast",
                        "--contextroot", "/", "--rootdir", root.toString(), "--logtofile", dir.resolve("server.log").toString(),
                        "--prebootcommandfile", Path.of("src/test/resources/it-pre-boot.asadmin").toAbsolutePath().toString(),
                        "--postbootcommandfile", Path.of("payara/post-boot.asadmin").toAbsolutePath().toString()));
                configuration.validate(); // also reads the Payara Micro version from the jar
                PayaraMicroDeployableContainer container = new PayaraMicroDeployableContainer();
                container.setup(configuration);
                container.start();
                Archive<?> war = Deployments.chatr(settings);
                container.deploy(war);
                Server server = new Server(container, war, URI.create("http://127.0.0.1:" + port), dir);
                server.awaitHealthy();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (LifecycleException | DeploymentException | ConfigurationException e) {
                throw new IllegalStateException("Payara Micro did not deploy chatr with " + settings, e);
            }
        }

        /** Waits for chatr's {@code /health}: Payara says it deployed before chatr has reached its database. */
        private void awaitHealthy() {
            try {
                await().atMost(BOOT).pollInterval(Duration.ofMillis(250)).alias("chatr answers /health")
                        .until(() -> Launcher.answers(base));
            } catch (ConditionTimeoutException late) {
                stop();
                throw new IllegalStateException("chatr did not answer /health within " + BOOT, late);
            }
        }

        /** How much the server has logged so far, in bytes (Payara numbers its log files: {@code server.log.0}…). */
        public long logBytes() {
            try (var files = Files.list(dir)) {
                return files.filter(file -> file.getFileName().toString().startsWith("server.log"))
                        .mapToLong(file -> file.toFile().length()).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Undeploys, which ends the Payara Micro process. */
        void stop() {
            try {
                container.undeploy(war);
                container.stop();
            } catch (DeploymentException | LifecycleException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
