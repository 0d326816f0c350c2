package ai.chatr.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand from a chosen loopback source address (any 127.x.y.z works on Linux), so that a
 * test can be a different client than the test JVM's usual 127.0.0.1.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} (without Host and Connection headers) and answers the status code. */
    public static int status(URI base, String from, String method, String path, String headers, String body) {
        String line = statusLine(base, from, method, path, headers, body);
        return Integer.parseInt(line.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    /** Sends {@code request} (without Host and Connection headers) and answers its status line, e.g. {@code HTTP/1.1 200 OK}. */
    public static String statusLine(URI base, String from, String method, String path, String headers, String body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + base.getPath() + path + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Connection: close\r\n"
                    + headers
                    + "Content-Length: " + content.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String response = readAll(socket.getInputStream());
            return response.substring(0, response.indexOf("\r\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
