package ai.chatr.messages.control;

import com.google.common.net.InternetDomainName;
import java.util.Set;

/**
 * The top-level domains and what each one needs before a name under it is a link. It owns the
 * policy's lists, each with its reasons: the real TLDs that are also file extensions (they need a
 * path), the ones that are everyday words or member names (a path or a port), the classic ones
 * that are links even under a receiver's name or with digits only, and the receivers code calls
 * members on. It also answers whether a label is a TLD at all, by the Public Suffix List (Guava's
 * {@link InternetDomainName}, {@code .onion} and IDN TLDs such as {@code .рф} included), and which
 * ASCII TLD a label of look-alike letters spells. Every entry on the lists is a real TLD.
 */
final class TopLevelDomains {

    /**
     * Real TLDs (each is on the Public Suffix List) that are also the extensions of files agents
     * name all day: without a path they are file names. A port does not count: {@code main.py:42}
     * is a line. Markdown, Python, shell, Rust, Perl (.pl .pm), PostScript, shared objects, make
     * and autotools ({@code .mk .am .ac .in}), Terraform, C++ ({@code .cc}), Objective-C++,
     * OCaml, OpenCL/Lisp, Crystal, GDScript, PyTorch weights, Scala worksheets, Smalltalk,
     * SystemVerilog, gettext, Stata, Apps Script, Nushell, bzip2, zip archives and QuickTime movies
     * (Google's gTLDs of those names), fish, Java sources and properties, source maps, e-books,
     * public keys ({@code id_ed25519.pub}).
     */
    static final Set<String> FILE_EXTENSIONS = Set.of(
            "md", "py", "sh", "rs", "pl", "pm", "ps", "so", "mk", "am", "ac", "in", "tf", "cc", "mm", "ml",
            "cl", "cr", "gd", "pt", "sc", "st", "sv", "mo", "do", "gs", "nu", "bz",
            "zip", "mov", "fish", "java", "properties", "map", "mobi", "pub");
    /**
     * Real TLDs that are everyday English words or member names, met after a dot with a missing space
     * or in code ({@code this.is}, {@code I did it.No}, {@code user.id}, Ruby's {@code Foo.new}):
     * they need a path or a port.
     */
    static final Set<String> WORDS = Set.of("it", "is", "no", "me", "to", "at", "be", "by", "as", "am", "my", "id", "new");
    /** The TLDs that are links even under a receiver's name or with digits only ({@code user.com}, {@code 163.com}). */
    static final Set<String> CLASSIC = Set.of("com", "net", "org", "edu", "gov", "mil", "int");
    /**
     * Names that code calls members on and that are hardly ever the first label of a host: under one
     * of them, a TLD that is also a member name ({@code logger.info self.app user.online stack.top
     * redux.store self.name model.fit request.host}) is code. Words that are common first labels of
     * hosts ({@code app store data config file shop}) are not on it: {@code store.berlin} is a link.
     */
    static final Set<String> RECEIVERS = Set.of(
            "self", "this", "cls", "super", "obj", "e", "err", "evt", "event", "req", "request", "res", "resp",
            "response", "ctx", "args", "kwargs", "opts", "props", "logger", "log", "logging", "console",
            "np", "pd", "tf", "torch", "os", "sys", "el", "elem", "element", "document", "window",
            "user", "model", "stack", "redux", "button");

    private TopLevelDomains() {
    }

    /** Whether {@code tld} (lower case) is a file extension: a name under it needs a path. */
    static boolean needsPath(String tld) {
        return FILE_EXTENSIONS.contains(tld);
    }

    /** Whether {@code tld} (lower case) is an everyday word or member name: a name under it needs a path or a port. */
    static boolean needsPathOrPort(String tld) {
        return WORDS.contains(tld);
    }

    /** Whether {@code tld} (lower case) is one of the {@link #CLASSIC} ones. */
    static boolean classic(String tld) {
        return CLASSIC.contains(tld);
    }

    /** Whether {@code label} (lower case) is one of the {@link #RECEIVERS}. */
    static boolean receiver(String label) {
        return RECEIVERS.contains(label);
    }

    /** Whether the Public Suffix List knows {@code tld} (lower case) as a top-level domain. */
    static boolean publicSuffix(String tld) {
        try {
            return InternetDomainName.from("x." + tld).hasPublicSuffix(); // "x." for TLDs listed only as *.tld
        } catch (IllegalArgumentException notAName) {
            return false;
        }
    }

    /** The TLD with every look-alike letter as its ASCII twin ({@code сом} → {@code com}); null unless that makes it ASCII. */
    static String lookAlikeOf(String tld) {
        char[] folded = tld.toCharArray();
        for (int i = 0; i < folded.length; i++) {
            char twin = LookAlikes.twin(folded[i]);
            if (twin != 0) {
                folded[i] = Character.toLowerCase(twin);
            } else if (folded[i] >= 0x80) {
                return null;
            }
        }
        return new String(folded);
    }
}
