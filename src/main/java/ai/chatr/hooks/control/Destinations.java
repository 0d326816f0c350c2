package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Destination;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/** STUB until the helper's rules land. */
@ApplicationScoped
public class Destinations {
    public Destination check(String url) {
        URI uri = URI.create(url);
        return new Destination(uri, uri.getHost(), uri.getPort(), List.of());
    }

    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
