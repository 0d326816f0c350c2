package ai.chatr.moderation.boundary;

import ai.chatr.moderation.control.OperatorToken;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Without {@code chatr.admin.token-hash}, {@code /api/admin/*} does not exist: every path under it,
 * with any method, answers 404 as an unknown path does (not 401, not 405), after the request limit.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class HiddenAdminPaths implements ContainerRequestFilter {

    @Inject
    OperatorToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!token.enabled() && (path.equals("api/admin") || path.startsWith("api/admin/"))) {
            throw new NotFoundException();
        }
    }
}
