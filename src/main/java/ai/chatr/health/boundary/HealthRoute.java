package ai.chatr.health.boundary;

import ai.chatr.http.ContainerPath;
import jakarta.servlet.annotation.WebFilter;

/**
 * Keeps {@code /health} itself chatr's ({@link HealthResource}, chatr.ai's shape) while
 * MicroProfile Health answers below it ({@code /health/ready}, {@code /health/live},
 * {@code /health/started}). Payara maps its health servlet to {@code /health/*} in the application
 * at the root context, which also takes {@code /health}: this filter hands that one path to chatr's
 * JAX-RS application. On a container without that servlet it changes nothing.
 */
@WebFilter(urlPatterns = "/health", asyncSupported = true)
public class HealthRoute extends ContainerPath {

    private static final long serialVersionUID = 1L;
}
