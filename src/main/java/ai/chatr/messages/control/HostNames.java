package ai.chatr.messages.control;

import java.util.Locale;

/**
 * Finds, in canonical text, a dotted name that is a link: an IPv4 address, a punycode label followed
 * by another label, or a <em>name under a real top-level domain</em> ({@link TopLevelDomains}). It
 * owns the one-pass scan over the runs of name characters, the reading of a run's labels, port and
 * path, and the order in which the policy judges a name:
 * <ol>
 *   <li>followed by a path ({@code /}, also after a port) it is a link, whatever its TLD;</li>
 *   <li>a TLD that is also a common file extension ({@link TopLevelDomains#FILE_EXTENSIONS}: {@code readme.md
 *       main.py setup.sh lib.rs archive.zip Main.java}) needs that path, and one that is an everyday word
 *       or member name ({@link TopLevelDomains#WORDS}: {@code this.is it.No user.id}) a path or a port;</li>
 *   <li>any other TLD ({@code mysite.info bank.us paypal-login.support name.app}) is a link unless the
 *       name reads as code: a call or index follows ({@code button.click()}); its case is code's or a
 *       run-on sentence's, not a host's ({@code com.example.Foo}, {@code System.IO}, {@code г.Москва}:
 *       a capitalised TLD, or an upper-case TLD under a capitalised name, in a name not all in
 *       capitals); a single {@code /} or {@code \} comes before it (a file path); or, unless the TLD is
 *       a {@link TopLevelDomains#CLASSIC} one ({@code com net org edu gov mil int}), a label is an
 *       identifier (an underscore, or a capital after a small letter: {@code my_app.info},
 *       {@code myObj.name}) or the name starts with a common receiver ({@link TopLevelDomains#RECEIVERS}:
 *       {@code logger.info self.app user.online}) and the TLD is a generic one, not a country's;</li>
 *   <li>whatever the TLD, a name whose labels are all digits is a numbered list ({@code 1.中国}) unless
 *       the TLD is classic ({@code 163.com}), and an IDN TLD after an ideographic full stop
 *       ({@code 我来自中国。中国}) ends a sentence.</li>
 * </ol>
 * Anything else ({@code node.js}, {@code os.path}, {@code notes.txt}, {@code v2.0.1}) is prose. The signs
 * of code are read by {@link CodeSigns}; the Public Suffix List is asked only about the last label of a
 * run that survived the cheap checks.
 */
final class HostNames {

    private static final char IDEOGRAPHIC_FULL_STOP = '\u3002';

    private HostNames() {
    }

    private static boolean hostChar(char c) {
        return c == '.' || c == IDEOGRAPHIC_FULL_STOP || c == '-' || c == '_' || CanonicalText.wordChar(c);
    }

    private static boolean separator(char c) {
        return c == '.' || c == IDEOGRAPHIC_FULL_STOP;
    }

    /** Scans the runs of name characters that hold a dot, one pass. */
    static boolean found(String s) {
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

    /** Whether the run {@code s[start, end)} ends in a link: a name under a real TLD (by the policy of this class) or an IPv4 address. */
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
        boolean identifier = CodeSigns.identifier(s, prevStart, tldStart - 1);
        while (hostStart > start + 1 && separator(s.charAt(hostStart - 1)) && !separator(s.charAt(hostStart - 2))) {
            int labelEnd = hostStart - 1;
            hostStart = labelEnd;
            while (hostStart > start && !separator(s.charAt(hostStart - 1))) {
                hostStart--;
            }
            labels++;
            digitsOnly &= digits(s, hostStart, labelEnd);
            punycode |= startsWith(s, hostStart, "xn--");
            identifier |= CodeSigns.identifier(s, hostStart, labelEnd);
        }
        char after = sentenceEnd || end == s.length() ? ' ' : s.charAt(end);
        int portEnd = after == ':' ? digitsFrom(s, end + 1) : end;
        boolean port = portEnd > end + 1 && portEnd - end - 1 <= 5 && (portEnd == s.length() || !CanonicalText.wordChar(s.charAt(portEnd)));
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
            if (!TopLevelDomains.publicSuffix(tld)) {
                tld = TopLevelDomains.lookAlikeOf(tld);
                if (tld == null || !TopLevelDomains.publicSuffix(tld)) {
                    return false;
                }
            }
            verified = true;
        }
        if (digitsOnly && !TopLevelDomains.classic(tld)) {
            return false; // 1.中国 2.美国: a numbered list
        }
        if (path) {
            return verified || TopLevelDomains.publicSuffix(tld);
        }
        if (TopLevelDomains.needsPath(tld)) {
            return false;
        }
        if (TopLevelDomains.needsPathOrPort(tld)) {
            return port;
        }
        if (after == '(' || after == '[' || CodeSigns.casedLikeCode(s, hostStart, prevStart, tldStart, e)
                || (identifier && !TopLevelDomains.classic(tld))) {
            return false;
        }
        if (tld.length() >= 3 && !TopLevelDomains.classic(tld) && TopLevelDomains.receiver(firstLabel(s, hostStart, prevStart, tldStart))) {
            return false;
        }
        if (CodeSigns.filePath(s, hostStart)) {
            return false;
        }
        return verified || TopLevelDomains.publicSuffix(tld);
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

    private static boolean startsWith(String s, int from, String prefix) {
        return s.regionMatches(true, from, prefix, 0, prefix.length());
    }
}
