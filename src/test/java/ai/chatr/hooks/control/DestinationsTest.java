package ai.chatr.hooks.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.chatr.hooks.entity.Destination;
import ai.chatr.http.ApiException;
import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The destination rules without a container. Names resolve through {@link Names}, a table in
 * the test: no test asks real DNS, and IP literals are read without any resolver.
 */
class DestinationsTest {

    /** A resolver with a table of names that can change between calls, and a record of what it was asked. */
    static final class Names implements Destinations.Resolver {

        private final Map<String, List<InetAddress>> table = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Names with(String name, String... addresses) {
            table.put(name, Arrays.stream(addresses).map(InetAddresses::forString).toList());
            return this;
        }

        Names withAddresses(String name, InetAddress... addresses) {
            table.put(name, List.of(addresses));
            return this;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<InetAddress> found = table.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found.toArray(InetAddress[]::new);
        }
    }

    private final Names names = new Names()
            .with("public.example", "93.184.216.34")
            .with("localhost", "127.0.0.1", "::1");

    private Destinations destinations(String allowedHosts) {
        return new Destinations(allowedHosts, names);
    }

    private final Destinations strict = destinations(null);

    /** The reason a URL is refused; fails unless it is a 422 hook_url_refused. */
    private static String reasonFor(Destinations destinations, String url) {
        Throwable thrown = catchThrowable(() -> destinations.check(url));
        assertThat(thrown).as(url).isInstanceOf(ApiException.class);
        ApiException refusal = (ApiException) thrown;
        assertThat(refusal.status()).as(url).isEqualTo(422);
        assertThat(refusal.code()).isEqualTo("hook_url_refused");
        assertThat(refusal.getMessage()).endsWith(refusal.details().get("reason") + ".");
        return refusal.details().get("reason");
    }

    private String reasonFor(String url) {
        return reasonFor(strict, url);
    }

    // --- the shape of the URL

    @Test
    void aPublicHttpsUrlIsADestination() {
        Destination destination = strict.check("https://Public.Example/hooks/wake?agent=7");
        assertThat(destination.uri().toString()).isEqualTo("https://Public.Example/hooks/wake?agent=7");
        assertThat(destination.host()).isEqualTo("public.example");
        assertThat(destination.port()).isEqualTo(443);
        assertThat(destination.addresses()).containsExactly(InetAddresses.forString("93.184.216.34"));
        assertThat(strict.check("HTTPS://public.example:8443/").port()).isEqualTo(8443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "https://exa mple.com/", "https://public.example/a b", "https://[::1/"})
    void whatIsNoUrlIsABadRequest(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.code()).isEqualTo("invalid_url");
        });
        assertThatThrownBy(() -> strict.check(null)).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("invalid_url"));
    }

    @Test
    void theUrlMustBeAbsoluteHttpsWithAHost() {
        assertThat(reasonFor("/hooks/wake")).isEqualTo("the URL is relative; give an absolute https URL");
        assertThat(reasonFor("public.example/hooks")).isEqualTo("the URL is relative; give an absolute https URL");
        assertThat(reasonFor("ftp://public.example/x")).isEqualTo("the scheme ftp is not allowed; use https");
        assertThat(reasonFor("file:///etc/passwd")).isEqualTo("the scheme file is not allowed; use https");
        assertThat(reasonFor("mailto:agent@public.example")).isEqualTo("the scheme mailto is not allowed; use https");
        assertThat(reasonFor("https:///hooks")).isEqualTo("the URL has no host");
        assertThat(reasonFor("https://:443/hooks")).isEqualTo("the URL has no host");
    }

    @Test
    void plainHttpIsRefusedForAPublicHost() {
        assertThat(reasonFor("http://public.example/hooks")).isEqualTo("plain http is not allowed; use https");
        assertThat(reasonFor("HTTP://93.184.216.34/hooks")).isEqualTo("plain http is not allowed; use https");
    }

    @Test
    void userInfoIsRefused() {
        String reason = "the URL carries user info (name@ or name:password@); a hook URL carries no credentials";
        assertThat(reasonFor("https://agent@public.example/")).isEqualTo(reason);
        assertThat(reasonFor("https://agent:secret@public.example/")).isEqualTo(reason);
        assertThat(reasonFor("https://public.example:443@127.0.0.1/")).isEqualTo(reason);
    }

    @Test
    void aFragmentIsRefused() {
        assertThat(reasonFor("https://public.example/hooks#top")).isEqualTo("the URL has a fragment (#...); a hook URL has none");
        assertThat(reasonFor("https://public.example/hooks#")).isEqualTo("the URL has a fragment (#...); a hook URL has none");
    }

    @Test
    void aUrlOfAtMost2048CharactersIsAccepted() {
        String prefix = "https://public.example/";
        String longest = prefix + "a".repeat(2048 - prefix.length());
        assertThat(strict.check(longest).uri().toString()).hasSize(2048);
        assertThat(reasonFor(longest + "a")).isEqualTo("the URL is longer than 2048 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "99999", "123456"})
    void aPortOutsideTheRangeIsRefused(String port) {
        assertThat(reasonFor("https://public.example:" + port + "/")).isEqualTo(port + " is not a port (1 to 65535)");
    }

    @Test
    void anUnbracketedIpv6HostIsRefused() {
        assertThat(reasonFor("https://::1/")).startsWith("the URL's host ::1 is not valid");
    }

    // --- addresses: IPv4

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1       | a loopback address
            127.255.255.254 | a loopback address
            0.0.0.0         | an unspecified address
            0.1.2.3         | an unspecified address
            10.0.0.1        | a private address
            10.255.255.255  | a private address
            172.16.0.1      | a private address
            172.31.255.255  | a private address
            192.168.1.1     | a private address
            100.64.0.1      | a carrier-grade NAT address
            100.127.255.255 | a carrier-grade NAT address
            169.254.169.254 | a link-local address (the cloud metadata service)
            169.254.1.1     | a link-local address
            192.0.0.8       | a reserved address (IETF protocol assignments)
            192.0.2.1       | a documentation address
            198.51.100.7    | a documentation address
            203.0.113.9     | a documentation address
            198.18.0.1      | a benchmarking address
            198.19.255.255  | a benchmarking address
            224.0.0.1       | a multicast address
            239.255.255.250 | a multicast address
            240.0.0.1       | a reserved address
            255.255.255.254 | a reserved address
            255.255.255.255 | the broadcast address
            """)
    void nonPublicIpv4AddressesAreRefused(String address, String kind) {
        assertThat(reasonFor("https://" + address + "/hooks")).isEqualTo(address + " is " + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "11.0.0.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "192.0.1.1", "198.17.255.255", "198.20.0.1", "223.255.255.255"})
    void publicIpv4AddressesPassWithoutDns(String address) {
        Destination destination = strict.check("https://" + address + ":8443/hooks");
        assertThat(destination.host()).isEqualTo(address);
        assertThat(destination.addresses()).containsExactly(InetAddresses.forString(address));
        assertThat(names.asked).isEmpty();
    }

    // --- addresses: IPv6

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ::1            | a loopback address
            ::             | an unspecified address
            fe80::1        | a link-local address
            febf:ffff::1   | a link-local address
            fec0::1        | a site-local address
            fc00::1        | a unique-local address
            fd12:3456::1   | a unique-local address
            ff02::1        | a multicast address
            ff0e::1        | a multicast address
            2001:db8::1    | a documentation address
            2001:db8:ffff::1 | a documentation address
            2001::1        | a Teredo tunnel address
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | a Teredo tunnel address
            2001:2::1      | a benchmarking address
            100::1         | a discard-only address
            4000::1        | a reserved address (outside the global unicast block 2000::/3)
            """)
    void nonPublicIpv6AddressesAreRefused(String address, String kind) {
        assertThat(reasonFor("https://[" + address + "]/hooks")).isEqualTo("[" + address + "] is " + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:4700:4700::1111", "2a00:1450:4001:830::200e", "2001:4860:4860::8888"})
    void publicIpv6AddressesPassWithoutDns(String address) {
        Destination destination = strict.check("https://[" + address + "]/hooks");
        assertThat(destination.host()).isEqualTo(address);
        assertThat(destination.port()).isEqualTo(443);
        assertThat(names.asked).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ::ffff:127.0.0.1    | 127.0.0.1, a loopback address
            ::ffff:7f00:1       | 127.0.0.1, a loopback address
            ::ffff:10.0.0.1     | 10.0.0.1, a private address
            ::ffff:169.254.169.254 | 169.254.169.254, a link-local address (the cloud metadata service)
            ::127.0.0.1         | an IPv4-compatible address of 127.0.0.1, a loopback address
            ::10.1.2.3          | an IPv4-compatible address of 10.1.2.3, a private address
            64:ff9b::127.0.0.1  | a NAT64 address of 127.0.0.1, a loopback address
            64:ff9b::a9fe:a9fe  | a NAT64 address of 169.254.169.254, a link-local address (the cloud metadata service)
            64:ff9b:1::1        | a local-use NAT64 address
            2002:7f00:1::1      | a 6to4 address of 127.0.0.1, a loopback address
            2002:c0a8:101::5    | a 6to4 address of 192.168.1.1, a private address
            """)
    void ipv6AddressesCarryingANonPublicIpv4AddressAreRefused(String address, String what) {
        assertThat(reasonFor("https://[" + address + "]/hooks")).isEqualTo("[" + address + "] is " + what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::8.8.8.8", "2002:808:808::1", "::8.8.8.8", "::ffff:8.8.8.8"})
    void ipv6AddressesCarryingAPublicIpv4AddressPass(String address) {
        assertThat(strict.check("https://[" + address + "]/").addresses()).hasSize(1);
    }

    @Test
    void anIpv4MappedAddressFromTheResolverIsJudgedAsIpv4() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        names.withAddresses("mapped.example", Inet6Address.getByAddress(null, mapped, -1));
        assertThat(reasonFor("https://mapped.example/"))
                .isEqualTo("mapped.example resolves to ::ffff:7f00:1, an IPv4-mapped address of 127.0.0.1, a loopback address");
    }

    // --- numeric spellings, read as C reads them

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "017700000001", "0x7f000001", "0X7F000001", "0177.0.0.1", "0x7f.0.0.1",
            "0x7f.0x0.0x0.0x1", "127.1", "127.0.1", "0x7f.1", "0177.1", "127.000.0.1", "127.0.0.01", "127.0.0.1."})
    void anotherSpellingOfLoopbackIsRefusedForWhatItSpells(String host) {
        assertThat(reasonFor("https://" + host + "/hooks")).isEqualTo(host + " spells 127.0.0.1, a loopback address");
        assertThat(names.asked).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0             | 0.0.0.0, an unspecified address
            0x            | 0.0.0.0, an unspecified address
            012.1         | 10.0.0.1, a private address
            167772161     | 10.0.0.1, a private address
            0xa9.0xfe.0xa9.0xfe | 169.254.169.254, a link-local address (the cloud metadata service)
            2852039166    | 169.254.169.254, a link-local address (the cloud metadata service)
            192.168.257   | 192.168.1.1, a private address
            0xc0a80101    | 192.168.1.1, a private address
            4294967295    | 255.255.255.255, the broadcast address
            """)
    void anotherSpellingOfANonPublicAddressIsRefused(String host, String what) {
        assertThat(reasonFor("https://" + host + "/hooks")).isEqualTo(host + " spells " + what);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            134744072   | 8.8.8.8
            010.8.8.8   | 8.8.8.8
            0x08.8.8.8  | 8.8.8.8
            8.526344    | 8.8.8.8
            8.8.8.8.    | 8.8.8.8
            """)
    void anotherSpellingOfAPublicAddressIsRefusedAsking(String host, String address) {
        assertThat(reasonFor("https://" + host + "/hooks"))
                .isEqualTo(host + " spells " + address + "; write the address as " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.1.1.1", "1.2.3.256", "08.1.1.1", "4294967296", "0x100000000",
            "public.example.123", "public.example.0x1f", "1.2.3.4.5."})
    void whatLooksNumericButIsNoAddressIsRefusedWithoutDns(String host) {
        assertThat(reasonFor("https://" + host + "/hooks")).isEqualTo(host + " is neither a host name nor an IPv4 address");
        assertThat(names.asked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa_mple%2ecom", "ex%61mple.com", "bücher.example", "a..b.example"})
    void whatIsNoPlainHostNameIsRefused(String host) {
        assertThat(reasonFor("https://" + host + "/hooks")).isEqualTo(host
                + " is not a host name (ASCII letters, digits, hyphens and dots)");
    }

    // --- names

    @Test
    void aNameResolvingToANonPublicAddressIsRefused() {
        names.with("metadata.internal", "169.254.169.254")
                .with("intranet.example", "10.1.2.3")
                .with("v6.internal", "fd00::5");
        assertThat(reasonFor("https://localhost/hooks")).isEqualTo("localhost resolves to 127.0.0.1, a loopback address");
        assertThat(reasonFor("https://metadata.internal/latest/meta-data/"))
                .isEqualTo("metadata.internal resolves to 169.254.169.254, a link-local address (the cloud metadata service)");
        assertThat(reasonFor("https://intranet.example/")).isEqualTo("intranet.example resolves to 10.1.2.3, a private address");
        assertThat(reasonFor("https://v6.internal/")).isEqualTo("v6.internal resolves to fd00::5, a unique-local address");
    }

    @Test
    void aTrailingDotAndCaseMakeNoOtherName() {
        assertThat(reasonFor("https://localhost./")).isEqualTo("localhost. resolves to 127.0.0.1, a loopback address");
        assertThat(reasonFor("https://LocalHost./")).isEqualTo("LocalHost. resolves to 127.0.0.1, a loopback address");
        assertThat(strict.check("https://PUBLIC.example./").host()).isEqualTo("public.example");
        assertThat(names.asked).containsOnly("localhost", "public.example");
    }

    @Test
    void aNameWithOnePublicAndOnePrivateAddressIsRefused() {
        names.with("split.example", "93.184.216.34", "192.168.0.10");
        assertThat(reasonFor("https://split.example/")).isEqualTo("split.example resolves to 192.168.0.10, a private address");
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        assertThat(reasonFor("https://nowhere.example/")).isEqualTo("nowhere.example does not resolve");
        names.with("empty.example");
        assertThat(reasonFor("https://empty.example/")).isEqualTo("empty.example does not resolve");
    }

    // --- every connection: resolve

    @Test
    void aNameThatRebindsToAPrivateAddressIsRefusedAtConnection() throws UnknownHostException {
        names.with("rebind.example", "93.184.216.34");
        Destination destination = strict.check("https://rebind.example/hooks");
        assertThat(strict.resolve(destination.host())).containsExactly(InetAddresses.forString("93.184.216.34"));

        names.with("rebind.example", "127.0.0.1");
        assertThatThrownBy(() -> strict.resolve(destination.host())).isInstanceOf(UnknownHostException.class)
                .hasMessage("rebind.example resolves to 127.0.0.1, a loopback address");
        names.with("rebind.example", "93.184.216.34", "169.254.169.254");
        assertThatThrownBy(() -> strict.resolve("rebind.example.")).isInstanceOf(UnknownHostException.class)
                .hasMessage("rebind.example. resolves to 169.254.169.254, a link-local address (the cloud metadata service)");
    }

    @Test
    void resolveReadsLiteralsWithoutDns() throws UnknownHostException {
        assertThat(strict.resolve("8.8.8.8")).containsExactly(InetAddresses.forString("8.8.8.8"));
        assertThat(strict.resolve("2606:4700:4700::1111")).containsExactly(InetAddresses.forString("2606:4700:4700::1111"));
        assertThat(strict.resolve("[2606:4700:4700::1111]")).containsExactly(InetAddresses.forString("2606:4700:4700::1111"));
        assertThatThrownBy(() -> strict.resolve("127.0.0.2")).isInstanceOf(UnknownHostException.class)
                .hasMessage("127.0.0.2 is a loopback address");
        assertThatThrownBy(() -> strict.resolve("::1")).isInstanceOf(UnknownHostException.class)
                .hasMessage("::1 is a loopback address");
        assertThatThrownBy(() -> strict.resolve("0x7f.1")).isInstanceOf(UnknownHostException.class)
                .hasMessage("0x7f.1 spells 127.0.0.1, a loopback address");
        assertThatThrownBy(() -> strict.resolve("nowhere.example")).isInstanceOf(UnknownHostException.class)
                .hasMessage("nowhere.example does not resolve");
        assertThat(names.asked).containsExactly("nowhere.example");
    }

    // --- chatr.hooks.allowed-hosts

    @Test
    void anAllowedAddressLiftsTheAddressAndHttpsRulesForItAlone() throws UnknownHostException {
        Destinations receivers = destinations("127.0.0.2");
        Destination destination = receivers.check("http://127.0.0.2:8080/x");
        assertThat(destination.host()).isEqualTo("127.0.0.2");
        assertThat(destination.port()).isEqualTo(8080);
        assertThat(receivers.check("http://[::ffff:127.0.0.2]:8080/x").host()).isEqualTo("127.0.0.2");
        assertThat(receivers.check("https://127.0.0.2/x").port()).isEqualTo(443);
        assertThat(receivers.resolve("127.0.0.2")).containsExactly(InetAddresses.forString("127.0.0.2"));

        assertThat(reasonFor(receivers, "http://localhost:8080/x")).isEqualTo("localhost resolves to 127.0.0.1, a loopback address");
        assertThat(reasonFor(receivers, "http://127.0.0.1:8080/x")).isEqualTo("127.0.0.1 is a loopback address");
        assertThat(reasonFor(receivers, "http://[::1]:8080/x")).isEqualTo("[::1] is a loopback address");
        assertThat(reasonFor(receivers, "http://[::ffff:127.0.0.1]:8080/x"))
                .isEqualTo("[::ffff:127.0.0.1] is 127.0.0.1, a loopback address");
        assertThat(reasonFor(receivers, "http://2130706433:8080/x")).isEqualTo("2130706433 spells 127.0.0.1, a loopback address");
        assertThat(reasonFor(receivers, "http://0177.0.0.1:8080/x")).isEqualTo("0177.0.0.1 spells 127.0.0.1, a loopback address");
        assertThat(reasonFor(receivers, "http://0x7f.0.0.1:8080/x")).isEqualTo("0x7f.0.0.1 spells 127.0.0.1, a loopback address");
        assertThat(reasonFor(receivers, "http://127.0.2:8080/x")).isEqualTo("127.0.2 spells 127.0.0.2; write the address as 127.0.0.2");
        assertThat(reasonFor(receivers, "http://public.example/x")).isEqualTo("plain http is not allowed; use https");
        assertThatThrownBy(() -> receivers.resolve("localhost")).isInstanceOf(UnknownHostException.class)
                .hasMessage("localhost resolves to 127.0.0.1, a loopback address");
    }

    @Test
    void anAllowedNameLiftsTheRulesForThatNameWhateverItResolvesTo() throws UnknownHostException {
        names.with("hooks.internal", "10.0.0.5").with("other.internal", "10.0.0.6");
        Destinations receivers = destinations(" HOOKS.Internal. , ");
        Destination destination = receivers.check("http://Hooks.internal./wake");
        assertThat(destination.host()).isEqualTo("hooks.internal");
        assertThat(destination.port()).isEqualTo(80);
        assertThat(destination.addresses()).containsExactly(InetAddresses.forString("10.0.0.5"));
        assertThat(receivers.resolve("hooks.internal")).containsExactly(InetAddresses.forString("10.0.0.5"));

        assertThat(reasonFor(receivers, "https://other.internal/wake")).isEqualTo("other.internal resolves to 10.0.0.6, a private address");
        assertThat(reasonFor(receivers, "https://10.0.0.5/wake")).isEqualTo("10.0.0.5 is a private address");
        names.with("hooks.internal");
        assertThat(reasonFor(receivers, "http://hooks.internal/wake")).isEqualTo("hooks.internal does not resolve");
    }

    @Test
    void anAllowedIpv4BlockLiftsTheRulesWhenEveryAddressIsInIt() {
        names.with("inside.internal", "10.20.3.4", "10.20.200.1")
                .with("half.internal", "10.20.3.4", "10.21.0.1")
                .with("outside.internal", "10.21.0.1");
        Destinations receivers = destinations("10.20.0.0/16");
        assertThat(receivers.check("http://inside.internal/").addresses()).hasSize(2);
        assertThat(receivers.check("http://10.20.255.255/").host()).isEqualTo("10.20.255.255");
        assertThat(reasonFor(receivers, "http://half.internal/")).isEqualTo("half.internal resolves to 10.20.3.4, a private address");
        assertThat(reasonFor(receivers, "https://outside.internal/")).isEqualTo("outside.internal resolves to 10.21.0.1, a private address");
        assertThat(reasonFor(receivers, "http://10.21.0.0/")).isEqualTo("10.21.0.0 is a private address");
    }

    @Test
    void anAllowedIpv6BlockLiftsTheRulesWhenEveryAddressIsInIt() {
        names.with("v6.internal", "fd00:1::5");
        Destinations receivers = destinations("fd00:1::/32, ::1");
        assertThat(receivers.check("http://[fd00:1::5]:9000/").host()).isEqualTo("fd00:1::5");
        assertThat(receivers.check("http://[FD00:1:FFFF::1]/").port()).isEqualTo(80);
        assertThat(receivers.check("http://v6.internal/").addresses()).containsExactly(InetAddresses.forString("fd00:1::5"));
        assertThat(receivers.check("http://[::1]/").host()).isEqualTo("::1");
        assertThat(reasonFor(receivers, "http://[fd00:2::5]/")).isEqualTo("[fd00:2::5] is a unique-local address");
        assertThat(reasonFor(receivers, "http://localhost/")).isEqualTo("localhost resolves to 127.0.0.1, a loopback address");
    }

    @Test
    void anAllowedIpv4MappedEntryIsItsIpv4Address() {
        Destinations receivers = destinations("::ffff:127.0.0.2, ::ffff:10.9.0.0/112");
        assertThat(receivers.check("http://127.0.0.2/").host()).isEqualTo("127.0.0.2");
        assertThat(receivers.check("http://10.9.1.1/").host()).isEqualTo("10.9.1.1");
        assertThat(reasonFor(receivers, "http://10.8.1.1/")).isEqualTo("10.8.1.1 is a private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a host!", "10.0.0.0/33", "10.0.0.0/8/8", "10.0.0.0/x", "fd00::/129", "0x7f.1",
            "1.2.3.4.5", "[fd00::", "::ffff:10.0.0.0/64", "hooks_ok.example/8"})
    void aBadAllowedHostStopsTheStartNamingTheEntry(String entry) {
        assertThatThrownBy(() -> destinations("127.0.0.2, " + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("chatr.hooks.allowed-hosts: '" + entry + "'");
    }

    @Test
    void theBeanReadsItsAllowedHostsAfterInjection() {
        Destinations bean = new Destinations();
        bean.allowedHosts = Optional.of("127.0.0.2");
        bean.readAllowedHosts();
        assertThat(bean.check("http://127.0.0.2:8080/x").port()).isEqualTo(8080);
        bean.allowedHosts = Optional.of("127.0.0.2/40");
        assertThatThrownBy(bean::readAllowedHosts).hasMessageContaining("'127.0.0.2/40'");
    }
}
