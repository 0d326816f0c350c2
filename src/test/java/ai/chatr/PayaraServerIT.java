package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.EventStream;
import ai.chatr.support.Mcp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The WAR as Maven built it, deployed unchanged on a full Payara Server the way an operator would: a
 * throwaway domain on free ports (the distribution is unpacked into {@code target/payara-server} by the
 * build), configured with asadmin (the same command file Payara Micro runs after boot, the Server's
 * equivalents of the lines it runs before boot and of the launcher's flags, chatr's settings as system
 * properties), restarted once for the settings that need it, then {@code asadmin deploy}. The steps are
 * those of the README's "Deploying to Payara Server". Every face answers over HTTP; a redeploy keeps the room; an undeploy leaves no
 * thread running chatr's code; nothing of it logs a SEVERE record, and nothing of chatr's a WARNING over the
 * redeploy and undeploy. One domain, one deployment.
 */
@Execution(ExecutionMode.CONCURRENT) // its own server process: runs beside the shared servers (failsafe configuration in pom.xml)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

    /** Each asadmin command; a deployment on a busy 2-core machine has taken 40 s. */
    private static final Duration COMMAND = Duration.ofMinutes(5);
    private static final String DOMAIN = "chatr-it";
    private static final String BIND = "127.0.0.1";
    /** What a domain created with {@code --portbase} listens on, as offsets from it. */
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final long began = System.nanoTime();
    private Path home;
    private Path domains;
    private Path serverLog;
    private int adminPort;
    private Api api;
    private Path war;
    private long firstMessage;
    /** When the redeploy began: from then on nothing of chatr's may be logged as a WARNING. */
    private Instant redeploying;

    @BeforeAll
    void createConfigureAndDeploy() throws IOException {
        home = Path.of(System.getProperty("payara.server.home", "target/payara-server/payara6")).toAbsolutePath();
        war = Path.of(System.getProperty("chatr.war", "target/chatr.war")).toAbsolutePath();
        assertThat(home.resolve("bin/asadmin")).as("Payara Server, unpacked by mvn pre-integration-test").exists();
        assertThat(war).as("the WAR mvn package built").exists();
        Path target = Path.of("target").toAbsolutePath();
        domains = Files.createTempDirectory(Files.createDirectories(target.resolve("payara-server-domains")), "domains-");
        Path data = Files.createDirectories(domains.resolve("data"));
        int portBase = freePortBase();
        adminPort = portBase + 48;
        int httpPort = portBase + 80;
        serverLog = domains.resolve(DOMAIN).resolve("logs/server.log");
        api = new Api(URI.create("http://" + BIND + ":" + httpPort).toURL());

        phase("create-domain", () -> asadmin(false, "create-domain", "--nopassword", "--portbase", Integer.toString(portBase),
                "--domaindir", domains.toString(), DOMAIN));
        phase("start-domain", () -> asadmin(false, "start-domain", "--domaindir", domains.toString(), DOMAIN));
        Path commands = domains.resolve("chatr.asadmin");
        Files.write(commands, operatorCommands(data, httpPort));
        phase("configure", () -> multimode(commands));
        // the heap and Payara's MicroProfile settings take effect at the next start ("Restart server for change to
        // take effect"): the one restart an operator needs, before chatr is deployed
        phase("restart-domain", () -> asadmin(true, "restart-domain", "--domaindir", domains.toString(), DOMAIN));
        phase("deploy", () -> asadmin(true, "deploy", "--contextroot", "/", "--name", "chatr", war.toString()));
        phase("ready", this::awaitReady);
    }

    /**
     * What the operator runs against the started domain, in order: Payara Micro's post-boot file as it is (it
     * leaves Payara's own MicroProfile OpenAPI on: chatr keeps {@code /openapi} its own);
     * its pre-boot file with Payara Server's names (Micro's listener and protocol {@code http-listener} is the
     * Server's {@code http-listener-1}) and the address to listen on; the HTTPS listener on that address too;
     * Hazelcast off (Micro runs with {@code --nohazelcast}); the launcher's 1 GB heap; chatr's settings as system
     * properties (Micro's launcher passes them as environment variables).
     */
    private List<String> operatorCommands(Path data, int httpPort) throws IOException {
        List<String> commands = new ArrayList<>(commandsIn(Path.of("payara/post-boot.asadmin")));
        for (String preBoot : commandsIn(Path.of("payara/pre-boot.asadmin"))) {
            commands.add(preBoot.replace("@BIND@", BIND)
                    .replace(".network-listener.http-listener.", ".network-listener.http-listener-1.")
                    .replace(".protocol.http-listener.", ".protocol.http-listener-1."));
        }
        commands.add("set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-2.address=" + BIND);
        commands.add("set-hazelcast-configuration --enabled=false --dynamic=true");
        // payara/start's heap: 1 GB instead of the domain's 512 MB
        commands.add("delete-jvm-options -Xmx512m");
        commands.add("create-jvm-options -Xmx1g");
        // not an operator's step: the test's server boots and deploys on a busy 2-core machine, where the
        // optimising compiler costs more CPU than it saves (the launcher's tests run the same way)
        commands.add("create-jvm-options -XX\\\\:TieredStopAtLevel=1");
        // asadmin separates properties with ':', so the URL's colons are escaped with a backslash, doubled in a
        // multimode file (on a shell's command line: 'chatr.public-url=http\://127.0.0.1\:8080')
        commands.add("create-system-properties chatr.data-dir=" + data.toString().replace(":", "\\\\:")
                + ":chatr.public-url=" + api.base().toString().replace(":", "\\\\:"));
        return commands;
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after the other, in order, on the class's thread
    @Order(1)
    void theWarAsBuiltServesEveryFace() {
        Agent first = api.register();
        Agent second = api.register();
        Agent third = api.register();

        // an SSE stream: a live message, then a resume with Last-Event-ID that gets what was missed, then live again
        try (EventStream stream = stream()) {
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("history").isEmpty());
            firstMessage = id(api.say(first, "hello from Payara Server"));
            await().atMost(EventStream.patience()).until(() -> stream.messageIds().contains(firstMessage));
        }
        long missed = id(api.say(second, "said while the listener was away"));
        try (EventStream resumed = stream("Last-Event-ID", Long.toString(firstMessage))) {
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(missed));
            long live = id(api.say(third, "said after the resume"));
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(live));
            assertThat(resumed.messageIds()).containsExactly(missed, live);
            assertThat(resumed.ofType("history")).as("a resume gets no fresh history").isEmpty();
        }

        // the spectator page, rendered with the room's messages, and one of its files
        Reply page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(Jsoup.parse(page.text()).text()).contains("hello from Payara Server", "said after the resume");
        Reply script = api.get("/static/spectator.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(script.text()).isNotBlank();

        // the guide names this deployment's URL (chatr.public-url, given as a system property)
        assertThat(api.get("/skills.md").text()).contains(api.base() + "/api/register");

        // MCP: the handshake of the versions with sessions, and a tool call that reads what was posted over REST
        Mcp mcp = new Mcp(api);
        Reply initialized = mcp.initialize("2025-06-18");
        assertThat(initialized.status()).isEqualTo(200);
        assertThat(initialized.json().getJsonObject("result").getString("protocolVersion")).isEqualTo("2025-06-18");
        assertThat(initialized.header("Mcp-Session-Id")).isPresent();
        Reply read = mcp.modern("tools/call", Mcp.call("read_messages", Json.createObjectBuilder()
                .add("after", Long.toString(firstMessage - 1))));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getJsonObject("result").getJsonObject("structuredContent").getJsonArray("messages"))
                .map(message -> ((JsonObject) message).getString("content"))
                .containsExactly("hello from Payara Server", "said while the listener was away", "said after the resume");

        // health: chatr's own /health, MicroProfile Health below it
        Reply health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("ok");
        Reply ready = api.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(ready.text()).contains("\"database\"");
        assertThat(api.get("/health/live").status()).isEqualTo(200);

        // metrics: chatr's own beside the container's
        Reply metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("chatr_messages_accepted_total", "chatr_streams_open");

        // the OpenAPI document is chatr's, although Payara's own MicroProfile OpenAPI was left on (the Server's
        // default) and maps itself to /openapi/* here: chatr's file as written (its comments, this deployment's URL
        // as the server), not Payara's rendering of it (no comments, a top-level "endpoints" field); and nothing
        // below /openapi reaches Payara's application
        Reply openapi = api.get("/openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.text()).startsWith("openapi: 3").contains("/api/register:", "/api/stream:", "/mcp:")
                .contains("# chatr's API, described by hand", "  - url: " + api.base() + "\n")
                .doesNotContain("\nendpoints:");
        Reply wadl = api.get("/openapi/application.wadl");
        assertThat(wadl.status()).isEqualTo(404);
        assertThat(wadl.json().getBoolean("success")).isFalse();

        // a DELETE with a body (an agent erasing itself): Grizzly refuses one unless the listener allows it (pre-boot)
        Agent leaving = api.register();
        Reply erased = api.send("DELETE", "/api/agents/me", java.net.http.HttpRequest.BodyPublishers.ofString(
                Api.object("confirm", leaving.name()).toString()), "Content-Type", "application/json", "Authorization", "Bearer " + leaving.key());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().getString("agentId")).isEqualTo(leaving.id());
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after the other, in order, on the class's thread
    @Order(2)
    void aRedeployKeepsTheRoom() {
        assertThat(firstMessage).as("the first test posted").isPositive();
        redeploying = Instant.now().minusSeconds(1); // the log's times are in milliseconds, this clock's too
        phase("redeploy", () -> asadmin(true, "redeploy", "--name", "chatr", war.toString()));
        phase("ready again", this::awaitReady);
        Reply history = api.get("/api/messages?after=" + (firstMessage - 1));
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().getJsonArray("messages")).map(message -> ((JsonObject) message).getString("content"))
                .startsWith("hello from Payara Server");
        Agent after = api.register();
        long id = id(api.say(after, "after the redeploy"));
        assertThat(id).isGreaterThan(firstMessage);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after the other, in order, on the class's thread
    @Order(3)
    void anUndeployLeavesNoThreadOfChatrRunning() {
        phase("undeploy", () -> asadmin(true, "undeploy", "chatr"));
        // (Payara Server's own MicroProfile Health answers /health, and its welcome page /, once chatr is gone)
        assertThat(api.get("/api/messages").status()).as("the API is gone").isEqualTo(404);
        assertThat(api.get("/").text()).as("the page is gone").doesNotContain("A live chat room for AI agents");
        long pid = Long.parseLong(read(domains.resolve(DOMAIN).resolve("config/pid")).strip());
        phase("threads ended", () -> await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(chatrThreads(pid))
                        .as("threads named chatr-… or running ai.chatr code after the undeploy").isEmpty()));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after the other, in order, on the class's thread
    @Order(4)
    void nothingLoggedASevereRecord() throws IOException {
        List<String> severe = new ArrayList<>();
        try (Stream<Path> logs = Files.list(serverLog.getParent())) {
            for (Path log : logs.filter(file -> file.getFileName().toString().startsWith("server.log")).sorted().toList()) {
                records(read(log)).stream().filter(record -> record.contains("[SEVERE]")).forEach(severe::add);
            }
        }
        assertThat(severe).as("SEVERE records in %s over starting, configuring, deploying, using, redeploying and undeploying:%n%s",
                serverLog.getParent(), String.join("\n", severe)).isEmpty();
    }

    /**
     * Over the redeploy and the undeploy nothing of chatr's logs a WARNING: no timer or task of the old deployment
     * runs against its data source while the container closes it (Payara Server does not cancel an application's
     * non-persistent timers at undeploy: each chatr timer cancels its own). A record is chatr's when an
     * {@code ai.chatr} logger wrote it or chatr's code is in its stack trace.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after the other, in order, on the class's thread
    @Order(5)
    void nothingOfChatrsWarnedOverRedeployAndUndeploy() throws IOException {
        assertThat(redeploying).as("the redeploy ran").isNotNull();
        List<String> warnings = new ArrayList<>();
        try (Stream<Path> logs = Files.list(serverLog.getParent())) {
            for (Path log : logs.filter(file -> file.getFileName().toString().startsWith("server.log")).sorted().toList()) {
                records(read(log)).stream()
                        .filter(record -> record.contains("[WARNING]") || record.contains("[SEVERE]"))
                        .filter(record -> !loggedAt(record).isBefore(redeploying))
                        .filter(record -> record.contains("] [ai.chatr.") || record.contains("at ai.chatr."))
                        .forEach(warnings::add);
            }
        }
        assertThat(warnings).as("WARNING records of chatr's in %s since the redeploy began:%n%s",
                serverLog.getParent(), String.join("\n", warnings)).isEmpty();
    }

    @AfterAll
    void stopTheDomain() {
        try {
            if (domains != null && Files.exists(domains.resolve(DOMAIN))) {
                phase("stop-domain", () -> asadmin(false, "stop-domain", "--domaindir", domains.toString(), DOMAIN));
            }
        } finally {
            Path pid = domains == null ? null : domains.resolve(DOMAIN).resolve("config/pid");
            if (pid != null && Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(read(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
            phases.put("in all", System.nanoTime() - began);
            StringBuilder times = new StringBuilder("PayaraServerIT took");
            phases.forEach((name, nanos) -> times.append(String.format(" %s %.1f s;", name, nanos / 1e9)));
            System.out.println(times);
        }
    }

    // the stream

    private EventStream stream(String... headers) {
        return EventStream.open(URI.create(api.base() + "/api/stream"), headers);
    }

    private static long id(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return Long.parseLong(reply.json().getJsonObject("message").getString("id"));
    }

    private void awaitReady() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> api.get("/health/ready").status() == 200);
    }

    // threads

    /** The threads of the server's JVM named {@code chatr-…} or with a frame of chatr's code, as jcmd prints them. */
    private static List<String> chatrThreads(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(dump.exitValue()).as(text).isZero();
        assertThat(text).as("a thread dump").contains("Full thread dump");
        return Stream.of(text.split("\\R\\s*\\R"))
                .filter(thread -> thread.startsWith("\"chatr-") || thread.contains("ai.chatr."))
                .toList();
    }

    // the log

    /** The log's records: each begins with {@code [20…} (its time) at the start of a line and runs to the next. */
    private static List<String> records(String log) {
        List<String> records = new ArrayList<>();
        for (String record : log.split("(?m)(?=^\\[\\d{4}-)")) {
            if (!record.isBlank()) {
                records.add(record.strip());
            }
        }
        return records;
    }

    /** When a record was written: {@code [2026-12-05T13:14:59.523+0000] …}. */
    private static Instant loggedAt(String record) {
        return OffsetDateTime.parse(record.substring(1, record.indexOf(']')), LOG_TIME).toInstant();
    }

    // asadmin

    /** Runs asadmin; {@code remote} commands go to this domain's admin port. Fails with its output unless it succeeded. */
    private void asadmin(boolean remote, String... arguments) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString(), "--interactive=false"));
        if (remote) {
            command.addAll(List.of("--host", BIND, "--port", Integer.toString(adminPort)));
        }
        command.addAll(List.of(arguments));
        String output = run(command);
        assertThat(output).as("%s", command).contains("executed successfully");
    }

    /** Runs every command in {@code file} in one asadmin (one JVM start instead of one per command). */
    private void multimode(Path file) {
        List<String> commands = commandsIn(file);
        String output = run(List.of(home.resolve("bin/asadmin").toString(), "--interactive=false",
                "--host", BIND, "--port", Integer.toString(adminPort), "multimode", "--file", file.toString()));
        long succeeded = output.lines().filter(line -> line.matches("Command (?!multimode ).* executed successfully\\.")).count();
        assertThat(succeeded).as("commands that succeeded of %s:%n%s", commands, output).isEqualTo(commands.size());
    }

    private String run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("AS_JAVA", System.getProperty("java.home"));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes(); // ends when asadmin does (start-domain's server detaches)
            if (!process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within " + COMMAND);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s:%n%s", command, text).isZero();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> commandsIn(Path file) {
        return read(file).lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    // helpers

    private void phase(String name, Runnable step) {
        long start = System.nanoTime();
        try {
            step.run();
        } finally {
            phases.put(name, System.nanoTime() - start);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port base whose every port a domain opens is free (they listen on every interface until configured), below
     * Linux's ephemeral ports (32768 and up), where a client's connection could take one between this check and
     * the domain's start.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(110, 320) * 100;
            if (Arrays.stream(PORT_OFFSETS).allMatch(offset -> free(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress((InetAddress) null, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
