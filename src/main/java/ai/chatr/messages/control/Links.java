package ai.chatr.messages.control;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises what a person would call a link in chat text.
 *
 * <p><b>First the text is made to look as it is seen.</b> Invisible characters (zero-width, word
 * joiner, BOM, soft hyphen, variation selectors, tags, Hangul fillers) and bidi controls
 * (U+202A–U+202E, U+2066–U+2069) are removed; text under a right-to-left override (U+202E) is
 * also read reversed, as it is displayed. NFKC folds full-width letters and dots to ASCII;
 * percent and HTML encodings of {@code . / :} are decoded ({@code %2E &#46; &#x2e; &period;});
 * every character that Unicode's confusables (TR39, {@link LookAlikes}) make a twin of {@code . : /}
 * becomes it ({@code ܁ ܂ ٠ ․}), as do the dots that are no twin of it ({@code ۔ · ⸱ ・ ∙}, but not
 * Catalan's {@code l·l}); inside a word that mixes ASCII letters with look-alikes of them, the
 * look-alikes become ASCII ({@code exаmple.cоm} with Cyrillic {@code а о}); defanged forms are undone
 * ({@code [.] (dot) [:]}, {@code " dot "} before a common TLD); a name spelt out letter by letter
 * ({@code e x a m p l e . c o m}) is closed up.
 *
 * <p><b>Then any one of these is a link:</b> a scheme ({@code anything://}, {@code hxxp://},
 * {@code mailto: javascript: data:mime/ tel: sms: magnet:?}); {@code www.}; an IPv4 address; an IPv6
 * address that Guava's {@link InetAddresses} accepts, in brackets or with a digit ({@code [::1]:8080},
 * {@code 2001:db8::1}); {@code localhost} with a port or a path; a punycode label followed by another
 * label; {@code example . com} (com, net, org with spaces around the dot); and a <em>name under a real
 * top-level domain</em>, which is every TLD of the Public Suffix List (Guava's
 * {@link InternetDomainName}, {@code .onion} and IDN TLDs such as {@code .рф} included), by this policy:
 * <ol>
 *   <li>followed by a path ({@code /}, also after a port) it is a link, whatever its TLD;</li>
 *   <li>a TLD that is also a common file extension ({@link #FILE_EXTENSIONS}: {@code readme.md main.py
 *       setup.sh lib.rs archive.zip Main.java}) needs that path, and one that is an everyday word or
 *       member name ({@link #WORDS}: {@code this.is it.No user.id}) a path or a port;</li>
 *   <li>any other TLD ({@code mysite.info bank.us paypal-login.support name.app}) is a link unless the
 *       name reads as code: a call or index follows ({@code button.click()}); its case is code's or a
 *       run-on sentence's, not a host's ({@code com.example.Foo}, {@code System.IO}, {@code г.Москва}:
 *       a capitalised TLD, or an upper-case TLD under a capitalised name, in a name not all in
 *       capitals); a single {@code /} or {@code \} comes before it (a file path); or, unless the TLD is
 *       a {@link #CLASSIC} one ({@code com net org edu gov mil int}), a label is an identifier (an
 *       underscore, or a capital after a small letter: {@code my_app.info}, {@code myObj.name}) or the
 *       name starts with a common receiver ({@link #RECEIVERS}: {@code logger.info self.app user.online})
 *       and the TLD is a generic one, not a country's;</li>
 *   <li>whatever the TLD, a name whose labels are all digits is a numbered list ({@code 1.中国}) unless
 *       the TLD is classic ({@code 163.com}), and an IDN TLD after an ideographic full stop
 *       ({@code 我来自中国。中国}) ends a sentence.</li>
 * </ol>
 * Anything else ({@code node.js}, {@code os.path}, {@code notes.txt}, {@code v2.0.1}) is prose.
 *
 * <p>Each pattern is compiled once and bounded; the host scan is one pass, and Guava is asked only
 * about the last label of a dotted word that survived the cheap checks, so a message costs a few
 * microseconds and hostile input no more than linear time.
 */
public final class Links {

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

    private static final String ALNUM = "\\p{L}\\p{M}\\p{N}";
    private static final char IDEOGRAPHIC_FULL_STOP = '\u3002';

    // --- making it look as it is seen -----------------------------------------------------------
    /** {@code %2E %2F %3A} (also double-encoded), numeric and named HTML references to . / : */
    private static final Pattern ENCODED = Pattern.compile(
            "%(?:25)?(2e|2f|3a)|&#(?:0{0,4}(46|47|58)|x0{0,4}(2e|2f|3a));?|&(period|sol|colon);",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKETED_DOT = Pattern.compile(
            "\\s{0,3}[\\[({<]\\s{0,3}(?:\\.|dot)\\s{0,3}[\\])}>]\\s{0,3}", Pattern.CASE_INSENSITIVE);
    /** "example dot com": only before a common TLD, or "the three dot menu" would be a host. */
    private static final Pattern SPOKEN_DOT = Pattern.compile("(?<=[" + ALNUM + "])\\s{1,3}dot\\s{1,3}(?="
            + "(?:com|net|org|io|ai|co|info|app|dev|xyz|me|ly|tv|gg|us|uk|de|ru|cn|fr|jp|online|site|shop)(?![" + ALNUM + "]))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKETED_COLON = Pattern.compile("[\\[({]:[\\])}]");
    /** Five or more single characters with single spaces between them, one of them a dot. */
    private static final Pattern SPELT_OUT = Pattern.compile("(?<!\\S)(?:\\S ){4,}+\\S(?!\\S)");

    // --- what is a link ----------------------------------------------------------------------------
    private static final Pattern SCHEME = Pattern.compile("(?<![" + ALNUM + "])(?:"
            + "[a-z][a-z0-9+.-]{1,31}://"
            + "|h\\s?[tx]\\s?[tx]\\s?p\\s?s?\\s?:\\s?/\\s?/"
            + "|(?:mailto|javascript|vbscript):\\S|data:[a-z]+/|(?:tel|sms):\\+?\\d|magnet:\\?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WWW =
            Pattern.compile("(?<![" + ALNUM + "_-])www\\d*\\.[" + ALNUM + "]", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCALHOST =
            Pattern.compile("(?<![" + ALNUM + "_-])localhost(?::\\d{1,5}|/)", Pattern.CASE_INSENSITIVE);
    /** Something shaped like an IPv6 address (with an embedded IPv4 tail), bracketed or not; Guava decides. */
    private static final Pattern IPV6 = Pattern.compile("(?<![" + ALNUM + "_:.\\[])(\\[?)"
            + "([0-9a-f]{0,4}+(?::[0-9a-f]{0,4}+){2,7}+(?:\\.\\d{1,3}+){0,3}+)(?:%[0-9a-z]{1,16}+)?(\\]?)",
            Pattern.CASE_INSENSITIVE);
    private static final String LABEL = "(?<![" + ALNUM + "_-])[" + ALNUM + "](?:[" + ALNUM + "-]{0,61}[" + ALNUM + "])?";
    /** Matched on text that kept its case: a sentence starts with a capital, {@code example . COM} is shouted. */
    private static final Pattern SPACED_DOT_HOST = Pattern.compile(LABEL + "(?:"
            + "\\s{1,3}\\.\\s{1,3}(?:com|net|org|COM|NET|ORG)(?![" + ALNUM + "_-])"
            + "|(?:\\s{1,3}\\.|\\.\\s{1,3})(?:com|net|org)(?=[/:]|\\p{P}?\\s*$))");

    private Links() {
    }

    /**
     * Tells whether chat text contains a link.
     *
     * @param text the chat text, may be {@code null}
     * @return {@code true} if {@code text} contains something a person would call a link
     */
    public static boolean contains(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        if (found(canonical(visible(text)))) {
            return true;
        }
        String displayed = asDisplayed(text);
        return displayed != null && found(canonical(visible(displayed)));
    }

    private static boolean found(String s) {
        return (s.indexOf(':') >= 0 && (SCHEME.matcher(s).find() || ipv6(s)))
                || (containsIgnoringCase(s, "www") && WWW.matcher(s).find())
                || (containsIgnoringCase(s, "localhost") && LOCALHOST.matcher(s).find())
                || hosts(s)
                || (spacedDot(s) && SPACED_DOT_HOST.matcher(s).find());
    }

    // --- making it look as it is seen -----------------------------------------------------------

    /** Without invisible characters and bidi controls, NFKC-normalised. */
    private static String visible(String text) {
        StringBuilder kept = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int drop = invisible(c) ? 1
                    : c == '\uDB40' && i + 1 < n && text.charAt(i + 1) >= '\uDC00' && text.charAt(i + 1) <= '\uDDEF' ? 2 : 0;
            if (drop > 0 && kept == null) {
                kept = new StringBuilder(n).append(text, 0, i);
            }
            if (drop == 0 && kept != null) {
                kept.append(c);
            }
            i += drop > 1 ? 1 : 0;
        }
        String s = kept == null ? text : kept.toString();
        return Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    /**
     * Soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Mongolian vowel
     * separator, zero-width characters, LRM/RLM, bidi embeddings, overrides and isolates, word joiner
     * and invisible operators, variation selectors, BOM. (Tags and the supplementary variation
     * selectors, U+E0000–U+E01EF, are dropped by the caller.)
     */
    private static boolean invisible(char c) {
        return c == '\u00AD' || c == '\u034F' || c == '\u061C' || c == '\u115F' || c == '\u1160' || c == '\u180E'
                || (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2064') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u3164' || (c >= '\uFE00' && c <= '\uFE0F') || c == '\uFEFF' || c == '\uFFA0';
    }

    /** The text as a right-to-left override (U+202E) shows it: each overridden run reversed; null without one. */
    private static String asDisplayed(String text) {
        int override = text.indexOf('\u202E');
        if (override < 0) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        int from = 0;
        while (override >= 0) {
            int end = override + 1;
            while (end < text.length() && "\u202C\u2069\n\r\u2029".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            shown.append(text, from, override).append(new StringBuilder(text.substring(override + 1, end)).reverse());
            from = end;
            override = text.indexOf('\u202E', end);
        }
        return shown.append(text, from, text.length()).toString();
    }

    /** Undoes the disguises, keeping case (which tells code and sentences from hosts). */
    private static String canonical(String visible) {
        String s = visible;
        if (s.indexOf('%') >= 0 || s.indexOf('&') >= 0) {
            s = ENCODED.matcher(s).replaceAll(Links::decoded);
        }
        s = folded(s);
        if (has(s, "[({<")) {
            s = BRACKETED_DOT.matcher(s).replaceAll(".");
            s = BRACKETED_COLON.matcher(s).replaceAll(":");
        }
        if (containsIgnoringCase(s, "dot")) {
            s = SPOKEN_DOT.matcher(s).replaceAll(".");
        }
        if (s.contains(" . ")) {
            s = SPELT_OUT.matcher(s).replaceAll(m -> Matcher.quoteReplacement(closedUp(m)));
        }
        return s;
    }

    private static String decoded(MatchResult m) {
        String code = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "2e", "46", "period" -> ".";
            case "2f", "47", "sol" -> "/";
            default -> ":";
        };
    }

    private static String closedUp(MatchResult m) {
        String run = m.group();
        return run.indexOf('.') > 0 ? run.replace(" ", "") : run;
    }

    /**
     * Dot, colon and slash look-alikes as ASCII; look-alike letters as ASCII inside words that mix
     * them with ASCII letters. Text that is all ASCII is returned as it is, without a copy.
     */
    private static String folded(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return s;
        }
        while (i > 0 && wordChar(s.charAt(i - 1))) {
            i--; // start at the beginning of the word that holds the first non-ASCII character
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (wordChar(c)) {
                int end = i;
                boolean ascii = false;
                boolean lookAlikes = false;
                for (; end < n && wordChar(s.charAt(end)); end++) {
                    char d = s.charAt(end);
                    ascii |= d < 0x80 && Character.isLetter(d);
                    lookAlikes |= LookAlikes.twin(d) != 0;
                }
                for (int k = i; k < end; k++) {
                    char d = s.charAt(k);
                    char twin = LookAlikes.twin(d);
                    out.append(ascii && lookAlikes && twin != 0 ? twin : d);
                }
                i = end;
            } else {
                out.append(dotLike(s, i) ? '.' : switch (LookAlikes.twin(c)) {
                    case '.', ':', '/' -> LookAlikes.twin(c);
                    default -> c;
                });
                i++;
            }
        }
        return out.toString();
    }

    /** Dots the confusables do not make twins of '.': Arabic full stop, middle dots (not Catalan's l·l), raised dot. */
    private static boolean dotLike(String s, int i) {
        char c = s.charAt(i);
        if (c == '\u00B7') {
            return !(i > 0 && i + 1 < s.length() && (s.charAt(i - 1) | 0x20) == 'l' && (s.charAt(i + 1) | 0x20) == 'l');
        }
        return "\u06D4\u2027\u2219\u22C5\u2E31\u2E33\u30FB\u16EB".indexOf(c) >= 0;
    }

    private static boolean wordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    // --- addresses -----------------------------------------------------------------------------------

    private static boolean ipv6(String s) {
        Matcher m = IPV6.matcher(s);
        while (m.find()) {
            String address = m.group(2);
            boolean bracketed = !m.group(1).isEmpty() && !m.group(3).isEmpty();
            if ((bracketed || address.chars().anyMatch(Character::isDigit)) && InetAddresses.isInetAddress(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a '.' with a space on either side is followed by com, net or org: only then is {@link #SPACED_DOT_HOST} tried. */
    private static boolean spacedDot(String s) {
        for (int dot = s.indexOf('.'); dot >= 0; dot = s.indexOf('.', dot + 1)) {
            boolean spaced = (dot > 0 && Character.isWhitespace(s.charAt(dot - 1)))
                    || (dot + 1 < s.length() && Character.isWhitespace(s.charAt(dot + 1)));
            int word = dot + 1;
            while (word < s.length() && word <= dot + 4 && Character.isWhitespace(s.charAt(word))) {
                word++;
            }
            if (spaced && (s.regionMatches(true, word, "com", 0, 3) || s.regionMatches(true, word, "net", 0, 3)
                    || s.regionMatches(true, word, "org", 0, 3))) {
                return true;
            }
        }
        return false;
    }

    // --- names under a TLD ---------------------------------------------------------------------------

    private static boolean hostChar(char c) {
        return c == '.' || c == IDEOGRAPHIC_FULL_STOP || c == '-' || c == '_' || wordChar(c);
    }

    private static boolean separator(char c) {
        return c == '.' || c == IDEOGRAPHIC_FULL_STOP;
    }

    /** Scans the runs of name characters that hold a dot, one pass. */
    private static boolean hosts(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!hostChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean dotted = false;
            for (; i < n && hostChar(s.charAt(i)); i++) {
                dotted |= separator(s.charAt(i));
            }
            if (dotted && link(s, start, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the run {@code s[start, end)} ends in a link: a name under a real TLD (by the policy above) or an IPv4 address. */
    private static boolean link(String s, int start, int end) {
        int e = end;
        while (e > start && (separator(s.charAt(e - 1)) || s.charAt(e - 1) == '-')) {
            e--;
        }
        boolean sentenceEnd = e < end;
        // the labels, right to left, up to an empty one: tld = [tldStart, e), the one before it = [prevStart, tldStart - 1)
        int tldStart = e;
        while (tldStart > start && !separator(s.charAt(tldStart - 1))) {
            tldStart--;
        }
        if (tldStart == start || tldStart == e) {
            return false;
        }
        int prevStart = tldStart - 1;
        while (prevStart > start && !separator(s.charAt(prevStart - 1))) {
            prevStart--;
        }
        if (prevStart == tldStart - 1) {
            return false; // "hello...world"
        }
        int hostStart = prevStart;
        int labels = 2;
        boolean digitsOnly = digits(s, prevStart, tldStart - 1);
        boolean punycode = startsWith(s, prevStart, "xn--");
        boolean identifier = identifier(s, prevStart, tldStart - 1);
        while (hostStart > start + 1 && separator(s.charAt(hostStart - 1)) && !separator(s.charAt(hostStart - 2))) {
            int labelEnd = hostStart - 1;
            hostStart = labelEnd;
            while (hostStart > start && !separator(s.charAt(hostStart - 1))) {
                hostStart--;
            }
            labels++;
            digitsOnly &= digits(s, hostStart, labelEnd);
            punycode |= startsWith(s, hostStart, "xn--");
            identifier |= identifier(s, hostStart, labelEnd);
        }
        char after = sentenceEnd || end == s.length() ? ' ' : s.charAt(end);
        int portEnd = after == ':' ? digitsFrom(s, end + 1) : end;
        boolean port = portEnd > end + 1 && portEnd - end - 1 <= 5 && (portEnd == s.length() || !wordChar(s.charAt(portEnd)));
        boolean path = after == '/' || (portEnd > end + 1 && portEnd - end - 1 <= 5 && portEnd < s.length() && s.charAt(portEnd) == '/');

        if (digitsOnly && digits(s, tldStart, e)) {
            return labels == 4 && ipv4(s, hostStart, e) && (hostStart == start || separator(s.charAt(hostStart - 1)));
        }
        if (punycode) {
            return true;
        }
        int tldLength = e - tldStart;
        if (tldLength < 2 || tldLength > 63 || Character.isDigit(s.charAt(tldStart))) {
            return false;
        }
        if (s.charAt(tldStart - 1) == IDEOGRAPHIC_FULL_STOP && !ascii(s, tldStart, e)) {
            return false; // 我来自中国。中国: a sentence ends
        }
        String tld = s.substring(tldStart, e).toLowerCase(Locale.ROOT);
        boolean verified = false;
        if (!ascii(tld, 0, tld.length())) {
            if (!publicSuffix(tld)) {
                tld = lookAlikeOf(tld);
                if (tld == null || !publicSuffix(tld)) {
                    return false;
                }
            }
            verified = true;
        }
        if (digitsOnly && !CLASSIC.contains(tld)) {
            return false; // 1.中国 2.美国: a numbered list
        }
        if (path) {
            return verified || publicSuffix(tld);
        }
        if (FILE_EXTENSIONS.contains(tld)) {
            return false;
        }
        if (WORDS.contains(tld)) {
            return port;
        }
        if (after == '(' || after == '[' || casedLikeCode(s, hostStart, prevStart, tldStart, e)
                || (identifier && !CLASSIC.contains(tld))) {
            return false;
        }
        if (tld.length() >= 3 && !CLASSIC.contains(tld) && RECEIVERS.contains(firstLabel(s, hostStart, prevStart, tldStart))) {
            return false;
        }
        if (hostStart > 0 && (s.charAt(hostStart - 1) == '\\'
                || (s.charAt(hostStart - 1) == '/' && (hostStart < 2 || s.charAt(hostStart - 2) != '/')))) {
            return false; // src/main.rs, /Applications/Safari.app
        }
        return verified || publicSuffix(tld);
    }

    /** Whether the Public Suffix List knows {@code tld} (lower case) as a top-level domain. */
    private static boolean publicSuffix(String tld) {
        try {
            return InternetDomainName.from("x." + tld).hasPublicSuffix(); // "x." for TLDs listed only as *.tld
        } catch (IllegalArgumentException notAName) {
            return false;
        }
    }

    /** The TLD with every look-alike letter as its ASCII twin ({@code сом} → {@code com}); null unless that makes it ASCII. */
    private static String lookAlikeOf(String tld) {
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

    /**
     * A capitalised TLD ({@code it.No}, {@code com.example.Foo}, {@code г.Москва}), or an upper-case
     * one under a capitalised name ({@code System.IO}), in a name not written all in capitals.
     */
    private static boolean casedLikeCode(String s, int hostStart, int prevStart, int tldStart, int tldEnd) {
        if (!hasUpper(s, tldStart, tldEnd) || !hasLower(s, hostStart, tldEnd)) {
            return false;
        }
        boolean capitalised = Character.isUpperCase(s.charAt(tldStart)) && !hasUpper(s, tldStart + 1, tldEnd);
        return capitalised || hasUpper(s, prevStart, tldStart - 1);
    }

    /** An underscore ({@code my_app}) or a lower-case letter followed by a capital ({@code myObj}): no host name is written so. */
    private static boolean identifier(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '_' || (i > from && Character.isUpperCase(c) && Character.isLowerCase(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLabel(String s, int hostStart, int prevStart, int tldStart) {
        int end = hostStart == prevStart ? tldStart - 1 : hostStart;
        while (end < tldStart && !separator(s.charAt(end))) {
            end++;
        }
        return s.substring(hostStart, end).toLowerCase(Locale.ROOT);
    }

    private static boolean ipv4(String s, int from, int to) {
        int label = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                int length = i - label;
                if (length < 1 || length > 3 || (length > 1 && s.charAt(label) == '0')
                        || Integer.parseInt(s, label, i, 10) > 255) {
                    return false;
                }
                label = i + 1;
            } else if (s.charAt(i) > '9' || s.charAt(i) < '0') {
                return false;
            }
        }
        return true;
    }

    // --- small scans --------------------------------------------------------------------------------

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return from < to;
    }

    private static int digitsFrom(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean ascii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUpper(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isUpperCase(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLower(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLowerCase(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(String s, int from, String prefix) {
        return s.regionMatches(true, from, prefix, 0, prefix.length());
    }

    private static boolean has(String s, String anyOf) {
        for (int i = 0; i < anyOf.length(); i++) {
            if (s.indexOf(anyOf.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} holds {@code word} (lower-case ASCII) in any case. */
    private static boolean containsIgnoringCase(String s, String word) {
        char first = word.charAt(0);
        for (int i = 0, last = s.length() - word.length(); i <= last; i++) {
            if ((s.charAt(i) | 0x20) == first && s.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
