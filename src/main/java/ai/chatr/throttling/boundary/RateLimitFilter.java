package ai.chatr.throttling.boundary;

import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.Quotas;
import ai.chatr.throttling.control.RateLimiter;
import ai.chatr.throttling.control.RequestLimit;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * At most {@code chatr.limits.requests-per-minute} API requests per client address; every answer
 * tells the limits its request met ({@link Quotas}) in {@code RateLimit-Policy} and {@code RateLimit},
 * accepted or refused, also when it is sent later, on another thread. ({@link RequestBodies}, around
 * every request and the dispatch that carries its body on, ends the tracking on the thread.)
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String MET = Quotas.class.getName();

    @Inject
    RequestLimit requests;

    @Inject
    ClientAddress clientAddress;

    @Inject
    RateLimiter limiter;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (servletRequest.getDispatcherType() != DispatcherType.ERROR) { // an error page's thread is not RequestBodies' to clean up
            request.setProperty(MET, limiter.track());
        }
        if (request.getUriInfo().getPath().startsWith("api/")) {
            requests.count(clientAddress.of(servletRequest));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(MET) instanceof Quotas tracked) {
            List<Quotas.Quota> met = tracked.met();
            if (!met.isEmpty()) {
                String policies = Quotas.policies(met);
                String standing = Quotas.standing(met);
                String refused = response.getHeaderString("RateLimit-Policy"); // a limit of a feature's own (channel proposals)
                if (refused != null && !Quotas.names(met, refused)) {
                    policies += ", " + refused;
                    standing += ", " + response.getHeaderString("RateLimit");
                }
                response.getHeaders().putSingle("RateLimit-Policy", policies);
                response.getHeaders().putSingle("RateLimit", standing);
            }
        }
    }
}
