package ai.chatr;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The HTTP face of chatr: the agent API under {@code /api}, plus {@code /health},
 * {@code /skills.md} and {@code /llms.txt} at the root.
 */
@ApplicationPath("/")
public class Chatr extends Application {

    /** No generated WADL descriptions on OPTIONS: the API is described by /skills.md. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
