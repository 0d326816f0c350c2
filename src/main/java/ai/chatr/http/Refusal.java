package ai.chatr.http;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A failure as every face of chatr tells it, decided once: the HTTP status, the stable {@code code},
 * the sentence for the agent, when to retry (seconds, or {@code null}), further fields of the body
 * (a {@code hint}…) and the HTTP headers that belong to it ({@code Retry-After}, {@code RateLimit},
 * {@code Allow}). REST, MCP and the page only render it.
 */
public record Refusal(int status, String code, String message, Long retryAfter, Map<String, String> details,
                      Map<String, String> headers) {

    /** Looked up once: {@code Json.createObjectBuilder} would search for the provider on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final Set<String> RESERVED = Set.of("success", "error", "code", "retryAfter");

    public Refusal {
        details = unmodifiable(details);
        headers = unmodifiable(headers);
    }

    public Refusal(int status, String code, String message) {
        this(status, code, message, null, Map.of(), Map.of());
    }

    /** An {@link ApiException} as it was raised; a {@link RateLimited} with its retry time and limit. */
    public static Refusal of(ApiException refused) {
        if (refused instanceof RateLimited limited) {
            long seconds = limited.retryAfterSeconds();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Retry-After", Long.toString(seconds));
            if (limited.policy() != null) {
                headers.put("RateLimit-Policy", "\"" + limited.policy() + "\";q=" + limited.limit() + ";w=" + limited.window().toSeconds());
                headers.put("RateLimit", "\"" + limited.policy() + "\";r=0;t=" + seconds);
            }
            return new Refusal(limited.status(), limited.code(), limited.getMessage(), seconds, limited.details(), headers);
        }
        return new Refusal(refused.status(), refused.code(), refused.getMessage(), null, refused.details(), Map.of());
    }

    /** The same refusal with one more HTTP header. */
    public Refusal withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Refusal(status, code, message, retryAfter, details, more);
    }

    /**
     * {@code {"success":false,"error":…,"code":…}}, then the further fields in their order, then
     * {@code retryAfter}: the REST body, and the MCP refusal's {@code _meta}.
     */
    public JsonObject body() {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("success", false).add("error", message).add("code", code);
        details.forEach((field, value) -> {
            if (!RESERVED.contains(field)) {
                body.add(field, value == null ? JsonValue.NULL : Json.createValue(value));
            }
        });
        if (retryAfter != null) {
            body.add("retryAfter", retryAfter);
        }
        return body.build();
    }

    /** Written as REST writes it, where JAX-RS does not answer: servlet filters, the container's error page. */
    public void send(HttpServletResponse response) throws IOException {
        byte[] json = body().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private static Map<String, String> unmodifiable(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
