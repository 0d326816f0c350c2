package ai.chatr.streams.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Every event stream chatr answers (the agents', the page's, MCP's) asks a proxy in front not to buffer it:
 * nginx then reads from chatr no more than its client takes, whatever its location says, so that chatr sees a
 * listener that stopped reading and drops it (with buffering, nginx would read ahead into a temporary file and
 * chatr would never know). nginx acts on the header and does not pass it on.
 */
@Provider
public class Unbuffered implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())) {
            response.getHeaders().putSingle("X-Accel-Buffering", "no");
        }
    }
}
