package ai.chatr;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The HTTP face of chatr: the agent API under {@code /api}, plus {@code /health},
 * {@code /skills.md} and {@code /llms.txt} at the root.
 */
@ApplicationPath("/")
public class Chatr extends Application {
}
