package ai.chatr.throttling.boundary;

import ai.chatr.Refusals;
import ai.chatr.http.ApiException;
import ai.chatr.http.Deadlines;
import ai.chatr.http.Refusal;
import ai.chatr.throttling.control.RateLimiter;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request body arrives whole before chatr looks at it, and waiting for it costs no thread: the
 * body is read with the servlet container's non-blocking input ({@link ReadListener}), then the request
 * is dispatched on with the bytes in hand. So a client that sends its body a byte at a time holds a
 * socket, not one of the HTTP workers everyone else needs, and only until
 * {@code chatr.http.body-seconds}: then it gets {@code 408} and the connection is closed.
 *
 * <p>Before reading, a body must be declared {@code Content-Type: application/json} ({@code 415}
 * otherwise: a web page on another origin cannot send that without a preflight chatr does not grant),
 * and may not announce more than {@code chatr.http.max-body-bytes} ({@code 413}, also when a body sent
 * without a length grows past it). A client that goes away half-way is dropped without a word in the log.
 *
 * <p>Mapped in {@code web.xml}, after {@code SecurityHeaders}, for requests and for the asynchronous
 * dispatch that carries the body on.
 */
@WebFilter(filterName = "RequestBodies", asyncSupported = true)
public class RequestBodies extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestBodies.class.getName());
    private static final String BODY = RequestBodies.class.getName() + ".body";
    private static final String READING = RequestBodies.class.getName() + ".reading";
    /** How long the container may take to run the dispatch that carries a body on before it counts as lost. */
    private static final Duration DISPATCH_PATIENCE = Duration.ofSeconds(5);
    static final int BLOCKING_READS = 32;
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    @ConfigProperty(name = "chatr.http.max-body-bytes", defaultValue = "16384")
    int maxBytes;

    @Inject
    @ConfigProperty(name = "chatr.http.body-seconds", defaultValue = "10")
    int seconds;

    @Inject
    Refusals refusals;

    @Inject
    Deadlines deadlines;

    @Inject
    RateLimiter limiter;

    private final Semaphore blockingReads = new Semaphore(BLOCKING_READS);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            takeIn(request, response, chain);
        } finally {
            limiter.untrack(); // what RateLimitFilter began for the request on this thread
        }
    }

    private void takeIn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(BODY) instanceof byte[] body) { // the dispatch after the body arrived
            if (request.getAttribute(READING) instanceof Reading reading && !reading.arrived()) {
                return; // it came after it was given up for lost, and the client was told to try again
            }
            chain.doFilter(new WithBody(request, body), response);
            return;
        }
        if (!request.getProtocol().startsWith("HTTP/1") || request.getHeader("Upgrade") != null) {
            if (request.getContentLengthLong() == 0 || BODILESS.contains(request.getMethod())) {
                chain.doFilter(request, response);
            } else {
                readWhileWaiting(request, response, chain);
            }
            return;
        }
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiException refused = notJson(request);
        if (refused == null && request.getContentLengthLong() > maxBytes) {
            refused = tooLarge();
        }
        if (refused == null && !request.isAsyncSupported()) { // none of chatr's pages or files takes a body
            refused = ApiException.badRequest("invalid_request", "This path takes no request body. The API is described at /skills.md");
        }
        if (refused != null) {
            answer(refused, request, response);
            return;
        }
        if (request.getContentLengthLong() > 0 && request.getInputStream().available() >= request.getContentLengthLong()) {
            chain.doFilter(request, response); // the whole body came with the head, as almost every body does: nothing to wait for
            return;
        }
        AsyncContext async = request.startAsync();
        // no timeout of the container's: JAX-RS takes this asynchronous mode over for its waits and streams,
        // and Payara keeps the first timeout it was given for all of them
        async.setTimeout(0);
        Reading reading = new Reading(async, request.getInputStream(), request.getContentLengthLong());
        async.addListener(reading);
        reading.deadline = deadlines.after(Duration.ofSeconds(seconds), reading::tooLate);
        request.getInputStream().setReadListener(reading);
    }

    /** {@code 415} unless the body is declared as JSON, or {@code null}. */
    private static ApiException notJson(HttpServletRequest request) {
        return json(request.getContentType()) ? null
                : new ApiException(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
    }

    /**
     * A body sent over HTTP/2 (cleartext, as the JDK's HTTP client does: it asks every new connection to
     * upgrade), or with a request that asks to upgrade its connection, is read the old way, holding a
     * thread: Payara's HTTP/2 fails requests that go asynchronous and are dispatched on, and Grizzly never
     * ends the body of a request whose upgrade it declined. The deadline still holds between two reads
     * (each waits at most the listener's read timeout, 10 s), and no more than {@value #BLOCKING_READS}
     * such bodies are read at once: beyond, {@code 503} until one is done. HTTP/1.1 bodies, which every
     * other client sends, are never among them.
     */
    private void readWhileWaiting(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!blockingReads.tryAcquire()) {
            answer(new ApiException(503, "server_busy", "Too many request bodies are arriving right now. Try again in a second."),
                    request, response);
            return;
        }
        byte[] body;
        try {
            if (request.getContentLengthLong() > maxBytes) {
                throw tooLarge();
            }
            body = readBefore(request.getInputStream(), request.getContentLengthLong(), System.nanoTime() + seconds * 1_000_000_000L);
        } catch (ApiException refused) {
            answer(refused, request, response);
            return;
        } catch (IOException gone) {
            LOG.log(Level.FINE, "A request body broke off", gone);
            return;
        } finally {
            blockingReads.release();
        }
        ApiException refused = body.length == 0 ? null : notJson(request); // HTTP/2 says "no body" by sending none
        if (refused != null) {
            answer(refused, request, response);
            return;
        }
        chain.doFilter(new WithBody(request, body), response);
    }

    private byte[] readBefore(InputStream in, long length, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (body.size() != length) {
            if (System.nanoTime() - deadline > 0) {
                throw late();
            }
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, length < 0 ? chunk.length : length - body.size()));
            if (n < 0) {
                break;
            }
            body.write(chunk, 0, n);
            if (body.size() > maxBytes) {
                throw tooLarge();
            }
        }
        return body.toByteArray();
    }

    private ApiException late() {
        return new ApiException(408, "request_timeout", "The request body did not arrive within " + seconds + " s. Send the whole body at once.");
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "Request body is too large: at most " + maxBytes + " bytes.");
    }

    /**
     * The refusal as REST tells it. The rest of the body is not read, so an HTTP/1.1 connection ends with
     * it; on HTTP/2 only the request's stream does (a {@code Connection} header there would end the
     * connection with every other request on it).
     */
    private void answer(ApiException refused, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Refusal refusal = refusals.of(refused);
        if (request.getProtocol().startsWith("HTTP/1")) {
            response.setHeader("Connection", "close");
        }
        refusal.send(response);
    }

    /** Reads one body as it arrives, and ends the request when it is whole, too large, too late or abandoned. */
    private final class Reading implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final long length;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[4096];
        private final AtomicBoolean over = new AtomicBoolean();
        /** Settled once: true when the dispatch that carries the body on ran, false when it was given up for lost. */
        private final AtomicReference<Boolean> dispatched = new AtomicReference<>();
        private volatile Future<?> deadline;
        private volatile Future<?> patience;

        Reading(AsyncContext async, ServletInputStream in, long length) {
            this.async = async;
            this.in = in;
            this.length = length;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady() && !over.get()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    refuse(tooLarge());
                } else if (body.size() == length) {
                    onAllDataRead();
                }
            }
        }

        /**
         * Also called once the declared length has arrived: Payara never says that the body of a request
         * with an {@code Upgrade} header has ended (the JDK's HTTP client asks every new connection to
         * upgrade to HTTP/2), since what follows it would be the other protocol's.
         */
        @Override
        public void onAllDataRead() {
            if (over.compareAndSet(false, true)) {
                deadline.cancel(false);
                async.getRequest().setAttribute(BODY, body.toByteArray());
                async.getRequest().setAttribute(READING, this);
                patience = deadlines.after(DISPATCH_PATIENCE, this::lost);
                async.dispatch();
            }
        }

        /** The dispatch began: the request goes on, unless it was already given up for lost. */
        boolean arrived() {
            boolean first = dispatched.compareAndSet(null, true);
            if (patience != null) {
                patience.cancel(false);
            }
            return first;
        }

        /**
         * The container never ran the dispatch (Payara can drop one that races with the end of the
         * request's first pass): the client is told to try again rather than left waiting forever,
         * and the request is never handled, so trying again cannot do it twice.
         */
        private void lost() {
            if (dispatched.compareAndSet(null, false)) {
                LOG.warning("The container did not carry a request on after its body arrived; it was answered 503 (try again)");
                try {
                    answer(new ApiException(503, "server_busy", "The request could not be handled. Try again."),
                            (HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
                } catch (IOException | IllegalStateException gone) {
                    LOG.log(Level.FINE, "A lost request could not be answered", gone);
                } finally {
                    async.complete();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (over.compareAndSet(false, true)) {
                deadline.cancel(false);
                LOG.log(Level.FINE, "A request body broke off", failure);
                async.complete();
            }
        }

        void tooLate() {
            try {
                refuse(late());
            } catch (IOException | IllegalStateException gone) {
                LOG.log(Level.FINE, "A late request body could not be refused", gone);
            }
        }

        private void refuse(ApiException refused) throws IOException {
            if (over.compareAndSet(false, true)) {
                deadline.cancel(false);
                try {
                    answer(refused, (HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
                } finally {
                    async.complete();
                }
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /**
     * The request as JAX-RS reads it: its body already here, and not asynchronous until JAX-RS makes it
     * so. (Payara still reports the reading's asynchronous mode during the dispatch that ended it; Jersey
     * would take that mode over, with the reading's deadline, and cut off a wait or a stream at it.)
     */
    private static final class WithBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;
        private volatile boolean asynchronous;

        WithBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        /**
         * One stream for the request, as the servlet API has it: Jersey 3.1.10 (Payara Server 6.2025.9) asks for
         * the stream again at every read, and a fresh stream each time would hand it the body over and over
         * until the heap is full.
         */
        @Override
        public synchronized ServletInputStream getInputStream() {
            if (stream == null) {
                stream = streamOf(body);
            }
            return stream;
        }

        private static ServletInputStream streamOf(byte[] body) {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body has been read already");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public boolean isAsyncStarted() {
            return asynchronous && super.isAsyncStarted();
        }

        @Override
        public AsyncContext startAsync() {
            asynchronous = true;
            return super.startAsync();
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            asynchronous = true;
            return super.startAsync(request, response);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
