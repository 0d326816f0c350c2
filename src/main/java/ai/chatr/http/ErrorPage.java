package ai.chatr.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page (see web.xml): refusals that happen before a request reaches
 * JAX-RS, such as a header that cannot be parsed, still answer with the JSON error body rather
 * than the container's HTML: a {@link Refusal} rendered as REST renders it.
 */
@WebServlet("/errors")
public class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        boolean clientError = status < 500;
        Refusal refusal = new Refusal(status, status == 404 ? "not_found" : clientError ? "invalid_request" : "internal_error",
                clientError ? "The request could not be understood. The API is described at /skills.md"
                        : "Something went wrong on our side. Try again later.");
        refusal.send(response);
    }
}
