package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator relies on, against the normal deployment: chatr.ai's {@code /health} next to
 * MicroProfile Health's readiness and liveness, and an OpenAPI document that a real validator
 * accepts and that names every resource method in the WAR, plus its browsable view.
 */
@ExtendWith(SharedChatr.class)
class OperatingIT {

    /** Paths the document describes that the container serves for chatr (MicroProfile Health). */
    private static final Set<String> SERVED_BY_THE_CONTAINER = Set.of(
            "get /health/ready", "get /health/live", "get /health/started");

    /** At the root context, as {@code payara/start} deploys it: where Payara puts its health servlet in chatr's way. */
    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD; // what is asserted here does not depend on the limits
    }

    @SharedChatr.Served
    Api api;

    /** MicroProfile Health lives at the server's root, wherever chatr is deployed. */
    private Api root() throws IOException {
        return new Api(api.base().resolve("/").toURL());
    }

    @Test
    void healthKeepsChatrAisShapeWhileReadinessAndLivenessAnswerBelowIt() throws IOException {
        assertThat(api.base().getPath()).as("deployed at the root context").isIn("", "/");
        Reply health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(Api.object("status", "ok"));
        assertThat(api.send("POST", "/health", java.net.http.HttpRequest.BodyPublishers.noBody()).code())
                .as("chatr's JAX-RS answers /health, not the container's health servlet").isEqualTo("method_not_allowed");

        Reply ready = root().get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        JsonObject database = check(ready.json(), "database");
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("database")).isEqualTo("reachable");
        JsonObject redis = check(ready.json(), "redis");
        assertThat(redis.getString("status")).isEqualTo("UP");
        assertThat(redis.getJsonObject("data").getString("redis")).isEqualTo("not configured");

        Reply live = root().get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().getString("status")).isEqualTo("UP");
        assertThat(check(live.json(), "chatr").getJsonObject("data").getString("database")).isEqualTo("opened");
    }

    @Test
    void theServedOpenApiDocumentPassesARealValidator() throws Exception {
        JsonObject document = validated();
        assertThat(document.getJsonObject("info").getString("title")).isEqualTo("chatr");
        assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url"))
                .as("this deployment's public URL").isEqualTo("http://localhost:8080");
    }

    @Test
    void everyResourceMethodInTheWarIsDocumentedAndNothingElse() throws Exception {
        JsonObject paths = validated().getJsonObject("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.asJsonObject().keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key))
                .forEach(method -> documented.add(method + " " + path)));

        Set<String> inCode = resourceMethods();
        assertThat(inCode).as("resource methods found in the WAR").hasSizeGreaterThan(10);
        assertThat(documented).as("every resource method is in META-INF/openapi.yaml").containsAll(inCode);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(inCode);
        assertThat(extra).as("the document describes nothing that does not exist").isSubsetOf(SERVED_BY_THE_CONTAINER);
    }

    @Test
    void theDocumentDescribesTheStreamAndTheErrors() throws Exception {
        JsonObject document = validated();
        JsonObject stream = document.getJsonObject("paths").getJsonObject("/api/stream").getJsonObject("get");
        assertThat(stream.getJsonObject("responses").getJsonObject("200").getJsonObject("content").keySet())
                .containsExactly("text/event-stream");
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.keySet()).contains("StreamFrame", "HistoryFrame", "MessageFrame", "StatsFrame", "Error");
        assertThat(schemas.getJsonObject("Error").getJsonObject("properties").getJsonObject("code").getJsonArray("enum")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .contains("name_taken", "rate_limited", "url_not_allowed", "storage_unavailable", "moltbook_unavailable");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer")
                .getString("scheme")).isEqualTo("bearer");
        JsonObject post = document.getJsonObject("paths").getJsonObject("/api/messages").getJsonObject("post");
        assertThat(post.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").keySet())
                .contains("schema", "example");
        assertThat(post.getJsonObject("responses").keySet()).contains("200", "400", "401", "403", "413", "415", "429", "503");
    }

    @Test
    void theBrowsableViewIsServedByChatrItself() {
        Reply page = api.get("/static/api.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(page.text()).doesNotContain("<script>").doesNotContain("<style");
        for (String file : List.of("/static/api.js", "/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js",
                "/webjars/swagger-ui/5.34.1/swagger-ui.css")) {
            assertThat(api.get(file).status()).as(file).isEqualTo(200);
        }
    }

    /** The served {@code /openapi}, after a real OpenAPI validator accepted it, as JSON. */
    private JsonObject validated() throws Exception {
        Reply served = api.get("/openapi");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        java.nio.file.Path target = java.nio.file.Path.of("target").toAbsolutePath();
        java.nio.file.Path yaml = Files.createTempFile(target, "openapi-", ".yaml");
        java.nio.file.Path json = Files.createTempFile(target, "openapi-", ".json");
        Files.writeString(yaml, served.text());

        java.nio.file.Path home = java.nio.file.Path.of("src/test/openapi").toAbsolutePath();
        installValidator(home);
        Process node = new ProcessBuilder("node", home.resolve("validate.js").toString(), yaml.toString(), json.toString())
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).startsWith("valid: chatr");
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(json)))) {
            return reader.readObject();
        }
    }

    /** {@code "get /api/messages"} for every resource method of the classes in the WAR. */
    private static Set<String> resourceMethods() throws IOException, ClassNotFoundException {
        Set<String> methods = new TreeSet<>();
        try (ZipFile war = new ZipFile(System.getProperty("chatr.war", "target/chatr.war"))) {
            List<String> classes = new ArrayList<>();
            war.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("WEB-INF/classes/") && name.endsWith(".class") && !name.contains("$"))
                    .forEach(name -> classes.add(name.substring("WEB-INF/classes/".length(), name.length() - 6).replace('/', '.')));
            for (String name : classes) {
                Class<?> type = Class.forName(name, false, OperatingIT.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    for (Annotation annotation : method.getAnnotations()) {
                        HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                        if (http != null) {
                            Path sub = method.getAnnotation(Path.class);
                            methods.add(http.value().toLowerCase(Locale.ROOT) + " " + join(base.value(), sub == null ? "" : sub.value()));
                        }
                    }
                }
            }
        }
        return methods;
    }

    /** A JAX-RS path as OpenAPI writes it: one leading slash, no trailing one, templates without their regex. */
    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("\\{\\s*(\\w+)\\s*:[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}", "{$1}")
                .replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name"))).findFirst().orElseThrow();
    }

    /** {@code npm ci} once, from the lock file, when .ci/test has not installed the validator yet. */
    private static void installValidator(java.nio.file.Path home) throws IOException, InterruptedException {
        if (Files.isDirectory(home.resolve("node_modules/@apidevtools/swagger-parser"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(home.toFile()).inheritIO().start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + home + " failed");
        }
    }
}
