package ai.chatr.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Facts about untrusted text that every field check needs. Lengths count code points, so an emoji
 * is one character, as a person would count it.
 */
public final class Text {

    /** As JavaScript's {@code Date.toISOString()} writes it: UTC, always milliseconds. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * True when the text cannot be stored faithfully: a NUL (PostgreSQL refuses it) or half of a
     * surrogate pair (not valid UTF-8).
     */
    public static boolean isMalformed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static String timestamp(Instant instant) {
        return ISO.format(instant);
    }

    /** A duration as a person says it: "5 minutes", "minute", "30 seconds". */
    public static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n == 1 ? unit : n + " " + unit + "s";
    }
}
