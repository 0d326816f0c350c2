package ai.chatr.agents.boundary;

import ai.chatr.agents.entity.Caller;
import ai.chatr.http.BearerContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Resolves the API key of {@link Authenticated} requests to the calling agent, which every such
 * call also marks as online.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    @Inject
    Agents agents;

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = agents.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION), request.getHeaderString("X-API-Key"));
        BearerContext.of(request, caller);
    }
}
