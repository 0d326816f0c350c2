package ai.chatr.spectator.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The page's files: its own stylesheet, script and icon ({@code webapp/static}) and htmx from its
 * webjars ({@code META-INF/resources/webjars} in the jars of {@code WEB-INF/lib}), read through the
 * servlet context, so that the WAR names no container's own file servlet and deploys on any
 * Jakarta EE server. These paths are longer than JAX-RS's {@code /*}, so they win. No listings;
 * {@code If-Modified-Since} is answered by {@link HttpServlet} from {@link #getLastModified}; an
 * unknown file is a 404, in JSON like every refusal (the error page).
 */
@WebServlet(urlPatterns = {"/static/*", "/webjars/*"})
public class StaticFiles extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<URLConnection> file = file(request);
        InputStream content = null;
        try {
            content = file.isPresent() ? file.get().getInputStream() : null;
        } catch (FileNotFoundException folder) {
            // some containers answer a folder with a connection that has nothing to read
        }
        if (content == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String type = getServletContext().getMimeType(request.getPathInfo());
        response.setContentType(type == null ? "application/octet-stream" : type);
        if (type != null && (type.startsWith("text/") || type.contains("javascript") || type.contains("svg"))) {
            response.setCharacterEncoding("UTF-8");
        }
        response.setHeader("Cache-Control", "public, max-age=3600");
        long length = file.get().getContentLengthLong();
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
        try (InputStream in = content; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    @Override
    protected long getLastModified(HttpServletRequest request) {
        return file(request).map(file -> file.getLastModified() / 1000 * 1000).orElse(-1L);
    }

    /**
     * The file a request names, opened, if it is one: not a folder (in the WAR or in a webjar),
     * nothing outside the two prefixes.
     */
    private Optional<URLConnection> file(HttpServletRequest request) {
        String name = request.getPathInfo();
        if (name == null || name.endsWith("/") || name.contains("..")) {
            return Optional.empty();
        }
        try {
            URL url = getServletContext().getResource(request.getServletPath() + name);
            if (url == null || "file".equals(url.getProtocol()) && !Files.isRegularFile(Path.of(url.toURI()))) {
                return Optional.empty();
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory()) {
                return Optional.empty();
            }
            return Optional.of(connection);
        } catch (IOException | URISyntaxException | IllegalArgumentException notAFile) {
            return Optional.empty();
        }
    }
}
