package ai.chatr.throttling.control;

import ai.chatr.http.AddressBlock;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address per-IP limits count against: the socket peer, or, when the peer is one of
 * {@code chatr.trusted-proxies}, the nearest untrusted hop of {@code X-Forwarded-For}. A client
 * that is not behind a trusted proxy cannot choose its own address.
 */
@ApplicationScoped
public class ClientAddress {

    /** Only IP literals are parsed, so that no header value ever triggers a DNS lookup. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    @Inject
    @ConfigProperty(name = "chatr.trusted-proxies")
    Optional<String> trustedProxies;

    private List<AddressBlock> trusted = List.of();

    @PostConstruct
    void parseTrusted() {
        trusted = trustedProxies.stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(ClientAddress::block)
                .toList();
    }

    public String of(HttpServletRequest request) {
        List<String> forwardedFor = Collections.list(request.getHeaders("X-Forwarded-For"));
        return resolve(request.getRemoteAddr(), forwardedFor.isEmpty() ? null : String.join(",", forwardedFor));
    }

    String resolve(String peer, String forwardedFor) {
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty()) {
            return peer;
        }
        InetAddress client = peerAddress.get();
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
                Optional<InetAddress> hop = literal(hops[i].trim());
                if (hop.isEmpty()) {
                    break;
                }
                client = hop.get();
            }
        }
        return client.getHostAddress();
    }

    private static AddressBlock block(String entry) {
        try {
            return AddressBlock.parse(entry);
        } catch (IllegalArgumentException notABlock) {
            throw new IllegalArgumentException("chatr.trusted-proxies: " + notABlock.getMessage(), notABlock);
        }
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }

    static Optional<InetAddress> literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
