package ai.chatr.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Status lines in words a client's log can show: Payara's HTTP layer (Grizzly) knows no reason phrase
 * for {@code 422} and {@code 429} and writes {@code 429 CUSTOM}, and Servlet 6 took away the one portable way to name
 * it ({@code setStatus(int, String)}). For the statuses in {@link #MISSING}, the phrase is set on
 * Grizzly's response itself; on another container, or if Payara's insides change, nothing is changed
 * and the status line says what the container says (the JSON body is the same either way).
 *
 * <p>Mapped in {@code web.xml}, for requests and their asynchronous dispatches.
 */
@WebFilter(filterName = "StatusLines", asyncSupported = true)
public class StatusLines extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(StatusLines.class.getName());
    static final Map<Integer, String> MISSING = Map.of(422, "Unprocessable Content", 429, "Too Many Requests");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int status) {
                super.setStatus(status);
                String phrase = MISSING.get(status);
                if (phrase != null) {
                    name(getResponse(), phrase);
                }
            }
        });
    }

    /** Payara's {@code ResponseFacade} → Catalina's {@code Response} → Grizzly's → its {@code HttpResponsePacket}. */
    private static void name(ServletResponse response, String phrase) {
        ServletResponse unwrapped = response;
        while (unwrapped instanceof HttpServletResponseWrapper wrapper) {
            unwrapped = wrapper.getResponse();
        }
        try {
            Field catalina = field(unwrapped.getClass(), "response");
            if (catalina == null) {
                return;
            }
            catalina.setAccessible(true);
            Object connector = catalina.get(unwrapped);
            Object grizzly = connector.getClass().getMethod("getCoyoteResponse").invoke(connector);
            Object packet = grizzly.getClass().getMethod("getResponse").invoke(grizzly);
            packet.getClass().getMethod("setReasonPhrase", String.class).invoke(packet, phrase);
        } catch (ReflectiveOperationException | RuntimeException other) {
            LOG.log(Level.FINE, "The status line keeps the container's reason phrase", other);
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException next) {
                // look further up
            }
        }
        return null;
    }
}
