package ai.chatr.hooks.control;

import ai.chatr.http.AddressBlock;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's exceptions to the destination rules ({@code chatr.hooks.allowed-hosts}): host
 * names, and addresses or CIDR blocks (IPv4 and IPv6). A listed name, or addresses that all fall
 * in listed blocks, may be private and may be reached over plain http.
 */
record AllowedHosts(Set<String> names, List<AddressBlock> blocks) {

    static final String KEY = "chatr.hooks.allowed-hosts";

    AllowedHosts {
        names = Set.copyOf(names);
        blocks = List.copyOf(blocks);
    }

    /**
     * The entries of a comma-separated list; blanks are skipped.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a host name nor an
     *                                  address or CIDR block
     */
    static AllowedHosts parse(String list) {
        List<String> entries = list == null ? List.of() : Arrays.stream(list.split(","))
                .map(String::strip).filter(entry -> !entry.isEmpty()).toList();
        Set<String> names = new HashSet<>();
        List<AddressBlock> blocks = new ArrayList<>();
        for (String entry : entries) {
            if (entry.contains("/") || entry.contains(":")) {
                blocks.add(block(entry));
                continue;
            }
            Host host = Host.parse(entry);
            if (host instanceof Host.Name name) {
                names.add(name.name());
            } else if (host instanceof Host.Literal) {
                blocks.add(block(entry));
            } else if (host instanceof Host.Misspelled misspelled) {
                String address = PublicAddresses.text(misspelled.address());
                throw new IllegalArgumentException(KEY + ": '" + entry + "' spells " + address
                        + "; write the address as " + address);
            } else {
                throw notAnEntry(entry, null);
            }
        }
        return new AllowedHosts(names, blocks);
    }

    private static AddressBlock block(String entry) {
        try {
            return AddressBlock.parse(entry);
        } catch (IllegalArgumentException wrong) {
            throw notAnEntry(entry, wrong);
        }
    }

    private static IllegalArgumentException notAnEntry(String entry, IllegalArgumentException cause) {
        return new IllegalArgumentException(KEY + ": '" + entry
                + "' is neither a host name nor an IP address or CIDR block (such as 10.0.0.0/8 or fd00::/8)"
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    /** Whether the host is a listed name, or every one of its addresses is in a listed block. */
    boolean admit(Host host, List<InetAddress> addresses) {
        if (host instanceof Host.Name name && names.contains(name.name())) {
            return true;
        }
        return !addresses.isEmpty() && addresses.stream()
                .allMatch(address -> blocks.stream().anyMatch(block -> block.contains(address)));
    }
}
