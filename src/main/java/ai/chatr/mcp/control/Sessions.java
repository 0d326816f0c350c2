package ai.chatr.mcp.control;

import ai.chatr.mcp.entity.Version;
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
public final class Sessions {

    private static final Pattern FORMAT = Pattern.compile("chatr-(\\d{4}-\\d{2}-\\d{2})-([0-9a-f]{32})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sessions() {
    }

    public static String mint(Version version) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "chatr-" + version.id() + "-" + HexFormat.of().formatHex(random);
    }

    /** The version a session was opened with; empty for an id chatr never handed out. */
    public static Optional<Version> version(String sessionId) {
        Matcher matcher = FORMAT.matcher(sessionId.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Version.of(matcher.group(1)).filter(version -> !version.modern());
    }
}
