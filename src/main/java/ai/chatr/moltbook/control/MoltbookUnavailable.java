package ai.chatr.moltbook.control;

/**
 * Moltbook gave no usable answer: unreachable, too slow, an error status, a redirect, a body too
 * large or not a profile. Counts as a failure for the circuit breaker.
 */
public class MoltbookUnavailable extends RuntimeException {

    public MoltbookUnavailable(String reason) {
        super(reason);
    }

    public MoltbookUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
