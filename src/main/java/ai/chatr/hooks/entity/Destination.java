package ai.chatr.hooks.entity;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/** STUB. */
public record Destination(URI uri, String host, int port, List<InetAddress> addresses) {
}
