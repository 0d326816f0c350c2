package ai.chatr.hooks.control;

import ai.chatr.hooks.entity.Destination;
import ai.chatr.http.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a hook may be sent: the rules that keep an agent from pointing chatr at chatr's own
 * network (server-side request forgery). A hook URL is absolute {@code https}, carries no user info
 * and no fragment, and is at most {@value #MAX_LENGTH} characters long; its host resolves, and every
 * address it resolves to is public unicast (see {@link PublicAddresses}). An IPv4 address must be
 * written in dotted decimal: {@code 2130706433}, {@code 0177.0.0.1} or {@code 0x7f.1} are read the way
 * C resolvers read them and refused.
 *
 * <p>The operator lifts the address rule and the https rule for some hosts with
 * {@code chatr.hooks.allowed-hosts}: comma-separated host names, addresses and CIDR blocks (IPv4
 * and IPv6). A URL whose host is a listed name, or all of whose addresses fall in listed addresses
 * or blocks, may reach a private address over plain http. A bad entry stops the deployment.
 *
 * <p>{@link #check} judges a URL when an agent submits it; {@link #resolve} judges the host again
 * at every connection, against the addresses actually connected to, so that a name that resolves
 * elsewhere later (DNS rebinding) is refused then.
 */
@ApplicationScoped
public class Destinations {

    /** The longest hook URL accepted. */
    public static final int MAX_LENGTH = 2048;

    /**
     * How host names become addresses ({@code InetAddress::getAllByName} in the bean, a table in
     * tests). It is given names only, lower-case and without a trailing dot; IP literals, in any
     * spelling, never reach it.
     */
    @FunctionalInterface
    public interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Inject
    @ConfigProperty(name = AllowedHosts.KEY)
    Optional<String> allowedHosts;

    private final Resolver resolver;
    private AllowedHosts allowed = AllowedHosts.parse(null);

    /** The bean: the system resolver, the allowed hosts from configuration. */
    public Destinations() {
        this.resolver = InetAddress::getAllByName;
    }

    /** Rules without a container: these allowed hosts (comma-separated, may be null) and this resolver. */
    Destinations(String allowedHosts, Resolver resolver) {
        this.resolver = resolver;
        this.allowed = AllowedHosts.parse(allowedHosts);
    }

    @PostConstruct
    void readAllowedHosts() {
        allowed = AllowedHosts.parse(allowedHosts.orElse(null));
    }

    /** Reads the allowed hosts at deployment, so that a bad entry stops it rather than the first hook. */
    void atStartup(@Observes Startup startup) {
        // creating the bean is the point: @PostConstruct has run
    }

    /**
     * The URL an agent submitted, checked against the rules.
     *
     * @throws ApiException 400 {@code invalid_url} when the URL is missing, blank or no URL at all;
     *                      422 {@code hook_url_refused} with a {@code reason} sentence when it is refused
     */
    public Destination check(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("invalid_url", "A hook needs a url: an absolute https URL.");
        }
        if (url.length() > MAX_LENGTH) {
            throw refused("the URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notAUrl) {
            throw ApiException.badRequest("invalid_url", "The hook url is not a URL: " + notAUrl.getReason() + ".");
        }
        if (!uri.isAbsolute()) {
            throw refused("the URL is relative; give an absolute https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused("the scheme " + uri.getScheme() + " is not allowed; use https");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw refused("the URL has no host");
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            throw refused("the URL carries user info (name@ or name:password@); a hook URL carries no credentials");
        }
        if (uri.getRawFragment() != null) {
            throw refused("the URL has a fragment (#...); a hook URL has none");
        }
        String written = hostOf(authority);
        int port = portOf(authority, written, scheme);
        Host host = Host.parse(written);
        List<InetAddress> addresses = addresses(host).orElseThrow(() -> refused(written + " does not resolve"));
        boolean lifted = allowed.admit(host, addresses);
        Optional<String> unfit = lifted ? Optional.empty() : unfit(written, host, addresses);
        if (unfit.isPresent()) {
            throw refused(unfit.get());
        }
        if (scheme.equals("http") && !lifted) {
            throw refused("plain http is not allowed; use https");
        }
        String hostName = host instanceof Host.Name name ? name.name() : PublicAddresses.text(addresses.get(0));
        return new Destination(uri, hostName, port, addresses);
    }

    /**
     * The addresses to connect to for a host, checked again: the seam of the HTTP client's DNS
     * resolver, called at every connection. IP literals ({@code 127.0.0.2}, {@code ::1},
     * {@code [::1]}) are read without DNS.
     *
     * @throws UnknownHostException when the host does not resolve, or when it is refused; the
     *                              message is the reason
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host == null || host.isEmpty()) {
            throw new UnknownHostException("no host to resolve");
        }
        Host parsed = Host.parse(host);
        List<InetAddress> addresses = addresses(parsed)
                .orElseThrow(() -> new UnknownHostException(host + " does not resolve"));
        if (!allowed.admit(parsed, addresses)) {
            Optional<String> reason = unfit(host, parsed, addresses);
            if (reason.isPresent()) {
                throw new UnknownHostException(reason.get());
            }
        }
        return addresses.toArray(InetAddress[]::new);
    }

    /**
     * The addresses of a host: a literal's own, a name's from the resolver (empty when it has none);
     * none at all for a misspelled or invalid host, which {@link #unfit} refuses.
     */
    private Optional<List<InetAddress>> addresses(Host host) {
        if (host instanceof Host.Literal literal) {
            return Optional.of(List.of(literal.address()));
        }
        if (host instanceof Host.Name name) {
            try {
                InetAddress[] found = resolver.resolve(name.name());
                return found == null || found.length == 0 ? Optional.empty() : Optional.of(List.of(found));
            } catch (UnknownHostException unknown) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of());
    }

    /**
     * Why a host with these addresses is no destination unless it is allowed, as a sentence without
     * its full stop, or empty when it is one. A misspelled address is never one; the sentence tells
     * what it spells, and asks for dotted decimal when the address itself would pass.
     */
    private Optional<String> unfit(String written, Host host, List<InetAddress> addresses) {
        if (host instanceof Host.Invalid invalid) {
            return Optional.of(written + " " + invalid.why());
        }
        if (host instanceof Host.Misspelled misspelled) {
            String address = PublicAddresses.text(misspelled.address());
            Optional<String> kind = allowed.admit(new Host.Literal(misspelled.address()), List.of(misspelled.address()))
                    ? Optional.empty() : PublicAddresses.whyNot(misspelled.address());
            return Optional.of(kind.map(why -> written + " spells " + address + ", " + why)
                    .orElse(written + " spells " + address + "; write the address as " + address));
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = PublicAddresses.whyNot(address);
            if (kind.isPresent()) {
                String text = PublicAddresses.text(address);
                if (host instanceof Host.Name) {
                    return Optional.of(written + " resolves to " + text + ", " + kind.get());
                }
                boolean mapped = written.contains(":") && address instanceof Inet4Address;
                return Optional.of(written + " is " + (mapped ? text + ", " : "") + kind.get());
            }
        }
        return Optional.empty();
    }

    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                throw refused("the URL's host " + authority + " is not an IPv6 address");
            }
            return authority.substring(0, end + 1);
        }
        if (authority.indexOf(':') != authority.lastIndexOf(':')) {
            throw refused("the URL's host " + authority + " is not valid; an IPv6 address is written in brackets");
        }
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        if (host.isEmpty()) {
            throw refused("the URL has no host");
        }
        return host;
    }

    private static int portOf(String authority, String host, String scheme) {
        String rest = authority.substring(host.length());
        if (rest.isEmpty() || rest.equals(":")) {
            return scheme.equals("https") ? 443 : 80;
        }
        String digits = rest.substring(1);
        if (!rest.startsWith(":") || !digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1
                || Integer.parseInt(digits) > 65535) {
            throw refused(digits + " is not a port (1 to 65535)");
        }
        return Integer.parseInt(digits);
    }

    private static ApiException refused(String reason) {
        return new ApiException(422, "hook_url_refused", "chatr will not send hooks to this URL: " + reason + ".")
                .with("reason", reason);
    }
}
