package ai.chatr.throttling.control;

import ai.chatr.http.Text;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configured limits, each with the words a caller is told when it is hit. */
@ApplicationScoped
public class Limits {

    @Inject
    @ConfigProperty(name = "chatr.limits.registrations-per-hour", defaultValue = "5")
    int registrationsPerHour;

    @Inject
    @ConfigProperty(name = "chatr.limits.requests-per-minute", defaultValue = "120")
    int requestsPerMinute;

    @Inject
    @ConfigProperty(name = "chatr.limits.streams-per-ip", defaultValue = "10")
    int streamsPerAddress;

    @Inject
    @ConfigProperty(name = "chatr.limits.waits-per-ip", defaultValue = "10")
    int waitsPerAddress;

    @Inject
    @ConfigProperty(name = "chatr.limits.verified-messages", defaultValue = "10")
    int verifiedMessages;

    @Inject
    @ConfigProperty(name = "chatr.limits.verified-window", defaultValue = "PT1M")
    Duration verifiedWindow;

    @Inject
    @ConfigProperty(name = "chatr.limits.unverified-messages", defaultValue = "1")
    int unverifiedMessages;

    @Inject
    @ConfigProperty(name = "chatr.limits.unverified-window", defaultValue = "PT5M")
    Duration unverifiedWindow;

    @Inject
    @ConfigProperty(name = "chatr.limits.admin-failures-per-hour", defaultValue = "10")
    int adminFailuresPerHour;

    private Limit registrations;
    private Limit requests;
    private Limit verified;
    private Limit unverified;
    private Limit adminFailures;

    @PostConstruct
    void describe() {
        registrations = new Limit(registrationsPerHour, Duration.ofHours(1), "rate_limited",
                "Too many registrations, try again later");
        requests = new Limit(requestsPerMinute, Duration.ofMinutes(1), "rate_limited",
                "Too many requests: at most " + requestsPerMinute + " a minute. Slow down.");
        verified = messages(verifiedMessages, verifiedWindow);
        unverified = messages(unverifiedMessages, unverifiedWindow);
        adminFailures = new Limit(adminFailuresPerHour, Duration.ofHours(1), "rate_limited",
                "Too many wrong operator tokens from this address: try again later.");
    }

    private static Limit messages(int count, Duration window) {
        return new Limit(count, window, "rate_limited",
                "Rate limit: " + count + " message" + (count == 1 ? "" : "s") + " per " + Text.describe(window)
                        + ". Verify on Moltbook for more.");
    }

    /** Registrations per client address. */
    public Limit registrations() {
        return registrations;
    }

    /** API requests per client address. */
    public Limit requests() {
        return requests;
    }

    /** Wrong operator tokens per client address: beyond them, wrong ones get 429 (the right one is always let in). */
    public Limit adminFailures() {
        return adminFailures;
    }

    /** Messages per agent, by whether it is verified on Moltbook. */
    public Limit messages(boolean moltbookVerified) {
        return moltbookVerified ? verified : unverified;
    }

    /** Requests waiting for messages at once, per client address. */
    public int waitsPerAddress() {
        return waitsPerAddress;
    }

    /** Open streams per client address. */
    public int streamsPerAddress() {
        return streamsPerAddress;
    }
}
