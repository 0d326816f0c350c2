package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Answer;
import ai.chatr.http.Deadlines;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts one signed request to a receiver and tells what came back, holding no thread while it
 * waits: a non-blocking HTTP/1.1 client with one I/O thread. Every connection goes to an address
 * {@link Destinations} allowed for that host at that moment (its DNS resolver is the check), no
 * redirect is followed, no proxy is used, and the whole exchange, connecting included, ends after
 * {@code chatr.hooks.timeout}. Only the first {@value #KEPT_BODY} bytes of an answer are kept.
 */
@ApplicationScoped
public class Courier {

    public static final String USER_AGENT = "chatr-hooks/1.0.0";
    static final int KEPT_BODY = 4096;

    @Inject
    Destinations destinations;

    @Inject
    @ConfigProperty(name = "chatr.hooks.timeout", defaultValue = "PT5S")
    Duration timeout;

    /** Deliveries this node has open to receivers at most ({@link Lanes} keeps to it; a new hook's challenge comes on top). */
    @Inject
    @ConfigProperty(name = "chatr.hooks.senders", defaultValue = "32")
    int senders;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Deadlines deadlines;

    private CloseableHttpAsyncClient client;

    @PostConstruct
    void start() {
        Timeout limit = Timeout.of(timeout);
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return destinations.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setMaxConnTotal(senders * 2)
                        .setMaxConnPerRoute(senders)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).setSoTimeout(limit).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
                .setThreadFactory(threads)
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        client.start();
    }

    /**
     * Gracefully: the client's I/O thread ends by itself (a delivery still in flight gets a few seconds, and is
     * retried from its lease otherwise). An immediate close shut the selector under that thread, which then
     * logged a {@code ClosedSelectorException} as SEVERE at every undeploy.
     */
    @PreDestroy
    void stop() {
        if (client != null) {
            client.close(CloseMode.GRACEFUL);
        }
    }

    public int senders() {
        return senders;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Posts {@code body} to {@code url} with the Standard Webhooks headers for this id, signed with
     * {@code secrets}; completes with the answer, never exceptionally.
     */
    public CompletableFuture<Answer> post(String url, String webhookId, String body, List<String> secrets) {
        long timestamp = Instant.now().getEpochSecond();
        SimpleHttpRequest request = SimpleRequestBuilder.post(url)
                .setBody(body, ContentType.APPLICATION_JSON)
                .addHeader("webhook-id", webhookId)
                .addHeader("webhook-timestamp", Long.toString(timestamp))
                .addHeader("webhook-signature", Signatures.header(webhookId, timestamp, body, secrets))
                .build();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Future<Answer> exchange = client.execute(SimpleRequestProducer.create(request), new KeptStart(), new FutureCallback<>() {
            @Override
            public void completed(Answer result) {
                answer.complete(result);
            }

            @Override
            public void failed(Exception failure) {
                answer.complete(Answer.none(describe(failure)));
            }

            @Override
            public void cancelled() {
                answer.complete(Answer.none("no answer within " + seconds(timeout)));
            }
        });
        Future<?> deadline = deadlines.after(timeout, () -> exchange.cancel(true));
        answer.whenComplete((done, failed) -> deadline.cancel(false));
        return answer;
    }

    private String describe(Exception failure) {
        if (failure instanceof UnknownHostException refused) {
            return "not sent: " + refused.getMessage();
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof TimeoutException || failure instanceof java.net.SocketTimeoutException) {
            return "no answer within " + seconds(timeout);
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Keeps the status, {@code Retry-After} and the first {@value #KEPT_BODY} bytes of the body; drops the rest as it comes. */
    private static final class KeptStart extends AbstractBinResponseConsumer<Answer> {

        private final ByteBuffer kept = ByteBuffer.allocate(KEPT_BODY);
        private int status;
        private Duration retryAfter;

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
            retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
        }

        @Override
        protected int capacityIncrement() {
            return KEPT_BODY;
        }

        @Override
        protected void data(ByteBuffer data, boolean endOfStream) {
            int room = Math.min(kept.remaining(), data.remaining());
            if (room > 0) {
                ByteBuffer some = data.slice();
                some.limit(room);
                kept.put(some);
            }
            data.position(data.limit());
        }

        @Override
        protected Answer buildResult() {
            return new Answer(status, new String(kept.array(), 0, kept.position(), StandardCharsets.UTF_8), retryAfter, null);
        }

        @Override
        public void releaseResources() {
        }

        /** Seconds, or an HTTP date; null when absent, unreadable or past. */
        private static Duration retryAfter(Header header) {
            if (header == null) {
                return null;
            }
            String value = header.getValue().strip();
            try {
                if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                    return Duration.ofSeconds(Long.parseLong(value.length() > 9 ? "999999999" : value));
                }
                Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? null : until;
            } catch (DateTimeParseException | ArithmeticException unreadable) {
                return null;
            }
        }
    }
}
