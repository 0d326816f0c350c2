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
 * The right secret is always let in and uses up nothing, so that nobody sharing the operator's address
 * can lock the operator out. A wrong or missing one takes a permit of
 * {@code chatr.limits.admin-failures-per-hour} for the client's address: 401 while the allowance lasts,
 * 429 beyond it. What keeps guessing hopeless is the secret itself (at least 128 random bits, see
 * {@link OperatorToken}); the limit only quiets a noisy guesser.
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
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String secret = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
        if (token.accepts(secret)) {
            BearerContext.of(request, new Operator(token.fingerprint()));
            return;
        }
        limiter.acquire("admin-failures:" + clientAddress.of(servletRequest), limits.adminFailures()); // 429 beyond the allowance
        throw new ApiException(401, "admin_unauthorized", "Operator access needs the operator's token: Authorization: Bearer YOUR_SECRET");
    }
}
