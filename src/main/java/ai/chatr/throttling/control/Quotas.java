package ai.chatr.throttling.control;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the request being answered learnt of the limits it met: for each (a named policy), the quota,
 * its window, what is left and when one more use frees up. The answer carries them as the IETF
 * draft's fields (draft-ietf-httpapi-ratelimit-headers-11):
 * {@code RateLimit-Policy: "requests";q=120;w=60, "messages";q=10;w=60} and
 * {@code RateLimit: "requests";r=119;t=60, "messages";r=9;t=60}. One per request, begun by
 * {@link RateLimiter#track()} on the thread that takes the request in.
 */
public class Quotas {

    /** One limit's state: {@code q}, {@code w} and {@code r}, {@code t} (whole seconds, rounded up). */
    public record Quota(String policy, int quota, long windowSeconds, long remaining, long resetSeconds) {
    }

    private final List<Quota> met = new ArrayList<>(2);

    /** Records a limit's state for the key it was met under ({@code "messages:<agent id>"} is policy {@code messages}). */
    synchronized void record(String key, Limit limit, long remaining, long resetMillis) {
        String policy = policy(key);
        met.removeIf(quota -> quota.policy().equals(policy));
        met.add(new Quota(policy, limit.count(), limit.window().toSeconds(), remaining, (resetMillis + 999) / 1000));
    }

    /** The quotas met so far. */
    public synchronized List<Quota> met() {
        return List.copyOf(met);
    }

    /** The policy a key belongs to: what comes before its first {@code ':'}. */
    public static String policy(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    /** {@code RateLimit-Policy}'s value for these quotas. */
    public static String policies(List<Quota> quotas) {
        return quotas.stream().map(quota -> "\"" + quota.policy() + "\";q=" + quota.quota() + ";w=" + quota.windowSeconds())
                .collect(Collectors.joining(", "));
    }

    /** Whether one of these quotas is the policy {@code policies} (a {@code RateLimit-Policy} value) begins with. */
    public static boolean names(List<Quota> quotas, String policies) {
        return quotas.stream().anyMatch(quota -> policies.startsWith("\"" + quota.policy() + "\";"));
    }

    /** {@code RateLimit}'s value for these quotas. */
    public static String standing(List<Quota> quotas) {
        return quotas.stream().map(quota -> "\"" + quota.policy() + "\";r=" + quota.remaining() + ";t=" + quota.resetSeconds())
                .collect(Collectors.joining(", "));
    }
}
