package ai.chatr.http;

import jakarta.ws.rs.container.AsyncResponse;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Resumes a suspended request with what a stage completed with: the answer made of its value, or
 * its failure, which the error mapper renders. ({@code AsyncResponse.resume(Object)} given a failure
 * would send the exception itself as the body.)
 */
public final class Resumption {

    private Resumption() {
    }

    public static <T> BiConsumer<T, Throwable> of(AsyncResponse response, Function<? super T, ?> answer) {
        return (value, failed) -> {
            if (failed != null) {
                response.resume(failed);
            } else {
                response.resume(answer.apply(value));
            }
        };
    }
}
