package ai.chatr.guide.boundary;

import ai.chatr.http.ContainerPath;
import jakarta.servlet.annotation.WebFilter;

/**
 * Keeps {@code /openapi} chatr's ({@link GuideResource}) on every Payara, whatever its operator configured:
 * Payara's own MicroProfile OpenAPI servlet, on by default on Payara Server and Micro, maps itself to
 * {@code /openapi/*} in the application at the root context and would answer there with its own rendering of
 * {@code META-INF/openapi.yaml} (a top-level {@code endpoints} field no validator accepts, the examples'
 * {@code null}s dropped), or with a 403 page when it is only disabled. This filter hands the whole of
 * {@code /openapi/*} to chatr's JAX-RS application, so that the container's endpoint is never reached in
 * chatr's context and nothing needs switching off.
 */
@WebFilter(urlPatterns = "/openapi/*", asyncSupported = true)
public class OpenApiRoute extends ContainerPath {

    private static final long serialVersionUID = 1L;
}
