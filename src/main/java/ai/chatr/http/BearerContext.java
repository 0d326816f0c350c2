package ai.chatr.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The security context of a request whose bearer credential was recognised: who it is, and no roles. */
public record BearerContext(Principal principal, boolean secure) implements SecurityContext {

    /** Makes {@code principal} the one behind {@code request}. */
    public static void of(ContainerRequestContext request, Principal principal) {
        request.setSecurityContext(new BearerContext(principal, request.getSecurityContext().isSecure()));
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
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
}
