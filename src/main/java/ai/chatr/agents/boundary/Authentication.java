package ai.chatr.agents.boundary;

import ai.chatr.agents.entity.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

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
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
