package ai.chatr.hooks.control;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A URL's host read the way the C resolvers behind most HTTP clients read it, never by Java's own
 * parser (which takes {@code 0177.0.0.1} for 177.0.0.1 where C takes it for 127.0.0.1): an IPv6
 * literal (with or without brackets), an IPv4 address in any spelling {@code inet_aton} accepts
 * ({@code 2130706433}, {@code 017700000001}, {@code 0x7f.0.0.1}, {@code 127.1}), or a host name.
 * Case and one trailing dot do not make a different name.
 */
sealed interface Host {

    /** A host name, lower-case, without its trailing dot; only a resolver can tell its addresses. */
    record Name(String name) implements Host {
    }

    /** An address written as people write it: dotted decimal, or IPv6. */
    record Literal(InetAddress address) implements Host {
    }

    /** An IPv4 address written some other way than dotted decimal ({@code 0x7f.1}); never connected to. */
    record Misspelled(InetAddress address) implements Host {
    }

    /** Neither a name nor an address; {@code why} ends "… is …". */
    record Invalid(String why) implements Host {
    }

    int MAX_NAME = 253;
    Pattern NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    /** A label C or a browser would read as a number: the last one decides whether a host is an address. */
    Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    /** The host as a URL carries it ({@code [::1]}) or as an HTTP client passes it on ({@code ::1}). */
    static Host parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            return ipv6(lower.substring(1, lower.length() - 1));
        }
        if (lower.contains(":")) {
            return ipv6(lower);
        }
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        OptionalLong ipv4 = inetAton(name);
        if (ipv4.isPresent()) {
            InetAddress address = ipv4Address(ipv4.getAsLong());
            return PublicAddresses.text(address).equals(lower) ? new Literal(address) : new Misspelled(address);
        }
        if (name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            return new Invalid("is not a host name (ASCII letters, digits, hyphens and dots)");
        }
        if (NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()) {
            return new Invalid("is neither a host name nor an IPv4 address");
        }
        return new Name(name);
    }

    private static Host ipv6(String text) {
        if (!text.contains(":") || !InetAddresses.isInetAddress(text)) {
            return new Invalid("is not an IPv6 address");
        }
        return new Literal(InetAddresses.forString(text));
    }

    /**
     * An IPv4 address as C's {@code inet_aton} reads it: one to four parts separated by dots, each
     * decimal, octal (a leading {@code 0}) or hexadecimal ({@code 0x}); the last part fills the bytes
     * the others left ({@code 127.1} is 127.0.0.1, {@code 2130706433} is 127.0.0.1). Empty when the
     * text is no such address.
     */
    static OptionalLong inetAton(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return OptionalLong.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            OptionalLong value = number(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? (1L << (8 * (4 - i))) - 1 : 0xFF;
            if (value.isEmpty() || value.getAsLong() > limit) {
                return OptionalLong.empty();
            }
            address = last ? address | value.getAsLong() : address | value.getAsLong() << (8 * (3 - i));
        }
        return OptionalLong.of(address);
    }

    /** One part of an {@code inet_aton} address; empty when it is none or beyond 32 bits. */
    private static OptionalLong number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        } else if (part.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (char c : digits.toCharArray()) {
            int digit = Character.digit(c, radix);
            if (c >= 128 || digit < 0) {
                return OptionalLong.empty();
            }
            value = value * radix + digit;
            if (value > 0xFFFF_FFFFL) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(value);
    }

    private static InetAddress ipv4Address(long address) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
