package ai.chatr.mcp.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MCP protocol versions chatr speaks. The legacy ones open with an {@code initialize}
 * handshake and have sessions; the modern one carries its version and capabilities in every
 * request's {@code _meta} and has neither.
 */
public enum Version {

    V2026_07_28("2026-07-28", true),
    V2025_11_25("2025-11-25", false),
    V2025_06_18("2025-06-18", false),
    /** Spoken for the clients that still ask for it: like 2025-06-18 without the version header, with batches. */
    V2025_03_26("2025-03-26", false);

    /** The newest version that still has the handshake: what an {@code initialize} for any other version gets. */
    public static final Version NEWEST_LEGACY = V2025_11_25;

    private final String id;
    private final boolean modern;

    Version(String id, boolean modern) {
        this.id = id;
        this.modern = modern;
    }

    public String id() {
        return id;
    }

    /** Stateless, with per-request {@code _meta}, {@code server/discover}, {@code resultType}. */
    public boolean modern() {
        return modern;
    }

    public static Optional<Version> of(String id) {
        return Arrays.stream(values()).filter(version -> version.id.equals(id)).findFirst();
    }

    /** Every version chatr speaks, newest first, as {@code UnsupportedProtocolVersionError} and {@code server/discover} list them. */
    public static List<String> supported() {
        return Arrays.stream(values()).map(Version::id).toList();
    }
}
