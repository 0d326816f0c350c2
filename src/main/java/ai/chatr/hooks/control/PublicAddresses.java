package ai.chatr.hooks.control;

import ai.chatr.http.AddressBlock;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a hook may reach unasked: public unicast ones. Everything else is named, so a
 * refusal can say what the address is: loopback, unspecified, private (RFC 1918), carrier-grade NAT,
 * link-local (the cloud metadata address among them), unique-local, site-local, multicast,
 * broadcast, reserved, documentation and benchmarking ranges, and every IPv6 address outside the
 * global unicast block {@code 2000::/3}. IPv6 addresses that carry an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4
 * address they carry; Teredo ({@code 2001::/32}) is refused outright.
 */
final class PublicAddresses {

    /** A special-purpose range and what to call an address in it. */
    private record Range(AddressBlock block, String kind) {

        Range(String cidr, String kind) {
            this(AddressBlock.parse(cidr), kind);
        }
    }

    private static final List<Range> IPV4 = List.of(
            new Range("255.255.255.255/32", "the broadcast address"),
            new Range("0.0.0.0/8", "an unspecified address"),
            new Range("127.0.0.0/8", "a loopback address"),
            new Range("10.0.0.0/8", "a private address"),
            new Range("172.16.0.0/12", "a private address"),
            new Range("192.168.0.0/16", "a private address"),
            new Range("100.64.0.0/10", "a carrier-grade NAT address"),
            new Range("169.254.169.254/32", "a link-local address (the cloud metadata service)"),
            new Range("169.254.0.0/16", "a link-local address"),
            new Range("192.0.0.0/24", "a reserved address (IETF protocol assignments)"),
            new Range("192.0.2.0/24", "a documentation address"),
            new Range("198.51.100.0/24", "a documentation address"),
            new Range("203.0.113.0/24", "a documentation address"),
            new Range("192.88.99.0/24", "a reserved address (the former 6to4 relay anycast)"),
            new Range("198.18.0.0/15", "a benchmarking address"),
            new Range("224.0.0.0/4", "a multicast address"),
            new Range("240.0.0.0/4", "a reserved address"));

    /** IPv6 ranges named before the rule that anything outside {@code 2000::/3} is not public. */
    private static final List<Range> IPV6_OUTSIDE_GLOBAL = List.of(
            new Range("::/128", "an unspecified address"),
            new Range("::1/128", "a loopback address"),
            new Range("fe80::/10", "a link-local address"),
            new Range("fec0::/10", "a site-local address"),
            new Range("fc00::/7", "a unique-local address"),
            new Range("ff00::/8", "a multicast address"),
            new Range("100::/64", "a discard-only address"),
            new Range("64:ff9b:1::/48", "a local-use NAT64 address"));

    private static final AddressBlock GLOBAL_UNICAST = AddressBlock.parse("2000::/3");

    /** Special ranges inside {@code 2000::/3}; the more specific come first. */
    private static final List<Range> IPV6_INSIDE_GLOBAL = List.of(
            new Range("2001:db8::/32", "a documentation address"),
            new Range("3fff::/20", "a documentation address"),
            new Range("2001::/32", "a Teredo tunnel address"),
            new Range("2001:2::/48", "a benchmarking address"),
            new Range("2001::/23", "a reserved address (IETF protocol assignments)"));

    private static final AddressBlock COMPATIBLE = AddressBlock.parse("::/96");
    private static final AddressBlock NAT64 = AddressBlock.parse("64:ff9b::/96");
    private static final AddressBlock SIX_TO_FOUR = AddressBlock.parse("2002::/16");

    private PublicAddresses() {
    }

    /**
     * What makes an address unfit for a hook, as the end of a sentence ("a loopback address",
     * "an IPv4-mapped address of 10.0.0.1, a private address"), or empty when it is public unicast.
     */
    static Optional<String> whyNot(InetAddress address) {
        return whyNot(address.getAddress());
    }

    private static Optional<String> whyNot(byte[] bytes) {
        if (bytes.length == 4) {
            return kind(IPV4, bytes);
        }
        if (AddressBlock.isMapped(bytes)) {
            return carried("an IPv4-mapped address of ", Arrays.copyOfRange(bytes, 12, 16));
        }
        Optional<String> named = kind(IPV6_OUTSIDE_GLOBAL, bytes);
        if (named.isPresent()) {
            return named;
        }
        if (COMPATIBLE.contains(bytes)) {
            return carried("an IPv4-compatible address of ", Arrays.copyOfRange(bytes, 12, 16));
        }
        if (NAT64.contains(bytes)) {
            return carried("a NAT64 address of ", Arrays.copyOfRange(bytes, 12, 16));
        }
        if (!GLOBAL_UNICAST.contains(bytes)) {
            return Optional.of("a reserved address (outside the global unicast block 2000::/3)");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return carried("a 6to4 address of ", Arrays.copyOfRange(bytes, 2, 6));
        }
        return kind(IPV6_INSIDE_GLOBAL, bytes);
    }

    private static Optional<String> kind(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(range -> range.block().contains(bytes)).map(Range::kind).findFirst();
    }

    /** The verdict on an IPv6 address that carries an IPv4 one: the IPv4 address's own. */
    private static Optional<String> carried(String form, byte[] ipv4) {
        return kind(IPV4, ipv4).map(kind -> form + text(ipv4) + ", " + kind);
    }

    /** An address as people write it: dotted decimal, or compressed IPv6 without brackets. */
    static String text(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }

    private static String text(byte[] ipv4) {
        try {
            return text(InetAddress.getByAddress(ipv4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
