package ai.chatr.moderation.boundary;

import ai.chatr.http.ApiException;
import ai.chatr.http.BearerContext;
import ai.chatr.moderation.control.OperatorToken;
import ai.chatr.moderation.entity.Operator;
import ai.chatr.throttling.control.ClientAddress;
import ai.chatr.throttling.control.Limits;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets {@link OperatorOnly} requests through with the operator's secret ({@code Authorization: Bearer …}).
 * Every try takes a permit of {@code chatr.limits.admin-failures-per-hour} for the client's address
 * before the secret is looked at, and the right secret gives it back: wrong ones use the allowance
 * up, and then even the right one waits, so guessing from one address stops there.
 */
@Provider
@OperatorOnly
@Priority(Priorities.AUTHENTICATION)
public class OperatorAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    OperatorToken token;

    @Inject
    RateLimiter limiter;

    @Inject
    Limits limits;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.enabled()) {
            throw new NotFoundException();
        }
        RateLimiter.Permit permit = limiter.acquire("admin-failures:" + clientAddress.of(servletRequest), limits.adminFailures());
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String secret = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
        if (!token.accepts(secret)) {
            throw new ApiException(401, "admin_unauthorized", "Operator access needs the operator's token: Authorization: Bearer YOUR_SECRET");
        }
        limiter.refund(permit);
        Operator operator = new Operator(token.fingerprint());
        BearerContext.of(request, operator);
    }
}
