package ai.chatr.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps request bodies: a declared length over the cap is refused before reading, and a body sent
 * without a length is cut off as soon as it passes the cap.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "chatr.http.max-body-bytes", defaultValue = "16384")
    int maxBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new Capped(request.getEntityStream(), maxBytes));
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large",
                "Request body is too large: at most " + maxBytes + " bytes.");
    }

    private final class Capped extends FilterInputStream {

        private long remaining;

        Capped(InputStream in, long cap) {
            super(in);
            this.remaining = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
