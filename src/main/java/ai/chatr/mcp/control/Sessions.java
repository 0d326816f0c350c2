package ai.chatr.mcp.control;

import ai.chatr.mcp.entity.Version;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Mcp-Session-Id}s for the versions that have sessions. A session holds nothing on the
 * server: its id names the negotiated version and a random part, so that any node, before or after
 * a restart, serves it. The agent is known by its key on every request, never by its session.
 */
@ApplicationScoped
public class Sessions {

    private static final Pattern FORMAT = Pattern.compile("chatr-(\\d{4}-\\d{2}-\\d{2})-([0-9a-f]{32})");
    private final SecureRandom random = new SecureRandom();

    public String mint(Version version) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "chatr-" + version.id() + "-" + HexFormat.of().formatHex(bytes);
    }

    /** The version a session was opened with; empty for an id chatr never handed out. */
    public Optional<Version> version(String sessionId) {
        Matcher matcher = FORMAT.matcher(sessionId.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Version.of(matcher.group(1)).filter(version -> !version.modern());
    }
}
