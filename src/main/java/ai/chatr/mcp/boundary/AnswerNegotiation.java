package ai.chatr.mcp.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Streamable HTTP lets the server choose, per request, between one JSON object and an SSE stream
 * when the client accepts both; the choice depends on the body (a tool call that asks for
 * progress), which JAX-RS content negotiation cannot see. This filter reads the body (whole and
 * capped already: {@link ai.chatr.throttling.boundary.RequestBodies}), decides, and leaves the chosen type as the request's
 * only {@code Accept}, so that {@link McpResource}'s JSON or SSE method answers it. A stream's
 * answer gets the headers that keep proxies from holding it back.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100)
public class AnswerNegotiation implements ContainerRequestFilter, ContainerResponseFilter {

    @Inject
    Mcp mcp;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.getMethod().equals(HttpMethod.POST) || !request.getUriInfo().getPath().equals("mcp")) {
            return;
        }
        boolean stream = false;
        if (request.getAcceptableMediaTypes().stream().anyMatch(AnswerNegotiation::eventStream)) {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            stream = mcp.streams(new String(body, StandardCharsets.UTF_8));
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, stream ? MediaType.SERVER_SENT_EVENTS : MediaType.APPLICATION_JSON);
    }

    /** A stream is sent at once: proxies (nginx) are asked not to buffer it, and nobody to cache it. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType()) && request.getUriInfo().getPath().equals("mcp")) {
            response.getHeaders().putSingle("X-Accel-Buffering", "no");
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
    }

    /** {@code text/event-stream} named as such (not through a wildcard), whatever its parameters. */
    private static boolean eventStream(MediaType type) {
        return type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("event-stream");
    }
}
