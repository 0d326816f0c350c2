package ai.chatr.hooks.entity;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A hook URL that passed the destination rules: the URL as submitted, the host to connect to
 * (lower-case, without a trailing dot or IPv6 brackets), the port (the scheme's default when the
 * URL names none) and the addresses the host resolved to when it was checked. The addresses are
 * what the check saw, not a promise: every connection resolves and checks the host again.
 */
public record Destination(URI uri, String host, int port, List<InetAddress> addresses) {

    public Destination {
        addresses = List.copyOf(addresses);
    }
}
