package ai.chatr.mcp.control;

import ai.chatr.http.PublicUrl;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which browser origins may call {@code /mcp} (the specification's guard against DNS rebinding):
 * chatr's own public origin, loopback origins on any port, and those in
 * {@code chatr.mcp.allowed-origins}. A request without {@code Origin} does not come from a browser
 * page and is allowed.
 */
@ApplicationScoped
public class Origins {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "chatr.mcp.allowed-origins")
    Optional<String> configured;

    private final Set<String> allowed = new HashSet<>();

    @PostConstruct
    void collect() {
        origin(publicUrl.value()).ifPresent(allowed::add);
        configured.stream().flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim).filter(entry -> !entry.isEmpty())
                .flatMap(entry -> origin(entry).stream())
                .forEach(allowed::add);
    }

    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        Optional<String> normal = origin(origin.trim());
        if (normal.isEmpty()) {
            return false;
        }
        if (allowed.contains(normal.get())) {
            return true;
        }
        URI uri = URI.create(normal.get());
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && LOOPBACK.contains(uri.getHost());
    }

    /** {@code scheme://host[:port]}, lower-cased; empty for anything that is not such an origin. */
    static Optional<String> origin(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException notAnOrigin) {
            return Optional.empty();
        }
    }
}
