package ai.chatr.http;

import ai.chatr.Chatr;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A path of chatr's that Payara's own MicroProfile servlets also claim in the application at the root
 * context: whatever servlet the container matched, the request goes to chatr's JAX-RS application (named, as
 * every container names it, after its {@link Chatr} class) as if {@code /*} had matched it. A subclass names
 * the path with {@code @WebFilter}; where the container has no such servlet (or it was moved away), JAX-RS
 * has the request already and nothing changes.
 */
public abstract class ContainerPath extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestDispatcher api = getServletContext().getNamedDispatcher(Chatr.class.getName());
        if (api == null || request.getServletPath().isEmpty()) { // JAX-RS has it already
            chain.doFilter(request, response);
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        api.forward(new HttpServletRequestWrapper(request) {
            @Override
            public String getServletPath() {
                return "";
            }

            @Override
            public String getPathInfo() {
                return path;
            }
        }, response);
    }
}
