package ai.chatr.messages.control;

import com.google.common.net.InetAddresses;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises what a person would call a link in chat text. It owns the entry point and the rules
 * that do not need a name's labels read; the rest is delegated by job.
 *
 * <p><b>First the text is made to look as it is seen</b> ({@link CanonicalText}): invisible and bidi
 * characters removed, text under a right-to-left override also read as displayed, NFKC, percent and
 * HTML encodings of {@code . / :} decoded, look-alike dots and letters folded ({@link LookAlikes}),
 * defanged and spelt-out names undone.
 *
 * <p><b>Then any one of these is a link:</b> a scheme ({@code anything://}, {@code hxxp://},
 * {@code mailto: javascript: data:mime/ tel: sms: magnet:?}); {@code www.}; an IPv6 address that
 * Guava's {@link InetAddresses} accepts, in brackets or with a digit ({@code [::1]:8080},
 * {@code 2001:db8::1}); {@code localhost} with a port or a path; {@code example . com} (com, net, org
 * with spaces around the dot); and, by {@link HostNames}, an IPv4 address, a punycode label followed by
 * another label, or a <em>name under a real top-level domain</em> by the policy of
 * {@link TopLevelDomains} (file extensions and words need a path or a port) and {@link CodeSigns}
 * (a name that reads as code is prose).
 *
 * <p>Each pattern is compiled once and bounded; the host scan is one pass, and Guava is asked only
 * about the last label of a dotted word that survived the cheap checks, so a message costs a few
 * microseconds and hostile input no more than linear time.
 */
public final class Links {

    private static final String ALNUM = CanonicalText.ALNUM;
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
        if (found(CanonicalText.of(text))) {
            return true;
        }
        String displayed = CanonicalText.asDisplayed(text);
        return displayed != null && found(CanonicalText.of(displayed));
    }

    private static boolean found(String s) {
        return (s.indexOf(':') >= 0 && (SCHEME.matcher(s).find() || ipv6(s)))
                || (CanonicalText.containsIgnoringCase(s, "www") && WWW.matcher(s).find())
                || (CanonicalText.containsIgnoringCase(s, "localhost") && LOCALHOST.matcher(s).find())
                || HostNames.found(s)
                || (spacedDot(s) && SPACED_DOT_HOST.matcher(s).find());
    }

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
}
