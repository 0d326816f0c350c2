package ai.chatr.http;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of addresses: a prefix and how many of its leading bits count ({@code 10.0.0.0/8},
 * {@code fc00::/7}; a single address is a block of 32 or 128 bits). An IPv4-mapped IPv6 address
 * ({@code ::ffff:a.b.c.d}) is the IPv4 address it maps, both as a block and as a candidate.
 * Trusted proxies and the hosts a hook may reach are both written as such blocks.
 */
public record AddressBlock(byte[] prefix, int bits) {

    public AddressBlock {
        prefix = prefix.clone();
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("a prefix of " + bits + " bits does not fit a "
                    + prefix.length * 8 + "-bit address");
        }
    }

    /**
     * A block written as an address, with an optional {@code /bits}; the address is read strictly
     * (dotted decimal without leading zeros, or IPv6 with or without brackets), never resolved.
     *
     * @throws IllegalArgumentException when the text is not such a block
     */
    public static AddressBlock parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("not an address or CIDR block: " + text);
        }
        String written = parts[0].startsWith("[") && parts[0].endsWith("]")
                ? parts[0].substring(1, parts[0].length() - 1) : parts[0];
        if (!InetAddresses.isInetAddress(written)) {
            throw new IllegalArgumentException("not an address or CIDR block: " + text);
        }
        InetAddress address = InetAddresses.forString(written);
        byte[] bytes = address.getAddress();
        boolean mapped = address instanceof Inet4Address && written.contains(":");
        if (parts.length == 1) {
            return new AddressBlock(bytes, bytes.length * 8);
        }
        if (!parts[1].matches("\\d{1,3}")) {
            throw new IllegalArgumentException("not a prefix length: " + text);
        }
        int bits = Integer.parseInt(parts[1]);
        if (mapped) {
            if (bits < 96 || bits > 128) {
                throw new IllegalArgumentException("an IPv4-mapped block needs a prefix of 96 to 128 bits: " + text);
            }
            bits -= 96;
        }
        if (bits > bytes.length * 8) {
            throw new IllegalArgumentException("a prefix longer than the address: " + text);
        }
        return new AddressBlock(bytes, bits);
    }

    public boolean contains(InetAddress address) {
        return contains(unmapped(address.getAddress()));
    }

    public boolean contains(byte[] candidate) {
        if (candidate.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (prefix[whole] & mask);
    }

    /** The IPv4 address an IPv4-mapped IPv6 address maps, or the bytes as they are. */
    public static byte[] unmapped(byte[] address) {
        if (address.length == 16 && isMapped(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }

    /** Whether sixteen bytes are {@code ::ffff:a.b.c.d}. */
    public static boolean isMapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressBlock block && bits == block.bits && Arrays.equals(prefix, block.prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + bits;
    }

    @Override
    public String toString() {
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/" + bits;
        } catch (UnknownHostException impossible) {
            return Arrays.toString(prefix) + "/" + bits;
        }
    }
}
