package ai.chatr.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static ClientAddress trusting(String proxies) {
        ClientAddress address = new ClientAddress();
        address.trustedProxies = Optional.ofNullable(proxies);
        address.parseTrusted();
        return address;
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        ClientAddress address = trusting(null);
        assertThat(address.resolve("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        ClientAddress address = trusting("10.0.0.0/8, 127.0.0.1");
        assertThat(address.resolve("127.0.0.1", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(address.resolve("10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void theNearestUntrustedHopWinsSoClientsCannotPrependTheirOwn() {
        ClientAddress address = trusting("10.0.0.0/8");
        assertThat(address.resolve("10.0.0.1", "1.1.1.1, 203.0.113.9, 10.0.0.2")).isEqualTo("203.0.113.9");
    }

    @Test
    void garbageHopsAndHostNamesAreNeverResolved() {
        ClientAddress address = trusting("127.0.0.1");
        assertThat(address.resolve("127.0.0.1", "evil.example")).isEqualTo("127.0.0.1");
        assertThat(address.resolve("127.0.0.1", "abc")).isEqualTo("127.0.0.1");
        assertThat(address.resolve("127.0.0.1", "203.0.113.9, not-an-ip")).isEqualTo("127.0.0.1");
        assertThat(address.resolve("127.0.0.1", "")).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6BlocksAndAddressesWork() {
        ClientAddress address = trusting("::1, fd00::/8");
        assertThat(address.resolve("0:0:0:0:0:0:0:1", "2001:db8::5")).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(address.resolve("fd12::1", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(address.resolve("2001:db8::9", "203.0.113.9")).isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void aMistypedTrustedProxyStopsTheStart() {
        assertThatThrownBy(() -> trusting("proxy.internal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chatr.trusted-proxies");
    }
}
