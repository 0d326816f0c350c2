package ai.chatr.health.boundary;

import ai.chatr.Chatr;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Keeps {@code /health} itself chatr's ({@link HealthResource}, chatr.ai's shape) while
 * MicroProfile Health answers below it ({@code /health/ready}, {@code /health/live},
 * {@code /health/started}). Payara maps its health servlet to {@code /health/*} in the application
 * at the root context, which also takes {@code /health}: this filter hands that one path to the
 * JAX-RS application (named, as every container names it, after its {@link Chatr} class) as if
 * {@code /*} had matched it. On a container without that servlet it changes nothing.
 */
@WebFilter(urlPatterns = "/health", asyncSupported = true)
public class HealthRoute extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestDispatcher api = getServletContext().getNamedDispatcher(Chatr.class.getName());
        if (api == null || request.getServletPath().isEmpty()) { // JAX-RS has it already
            chain.doFilter(request, response);
            return;
        }
        api.forward(new HttpServletRequestWrapper(request) {
            @Override
            public String getServletPath() {
                return "";
            }

            @Override
            public String getPathInfo() {
                return "/health";
            }
        }, response);
    }
}
