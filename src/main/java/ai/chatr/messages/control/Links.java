package ai.chatr.messages.control;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recognises what a person would call a link in chat text.
 *
 * <p>First the text is canonicalised so that disguised links look like plain ones: invisible
 * characters (zero-width, word joiner, BOM, soft hyphen) are removed, NFKC folds full-width
 * letters and dots to ASCII, the remaining dot look-alikes ({@code 。 · ・ ∙}) become '.', the
 * text is lower-cased and "defanged" forms are undone ({@code [.] (.) {.} [dot] (dot)},
 * {@code " dot "}, {@code [:]}). Then any one of these means "contains a link":
 * <ul>
 *   <li>a scheme: {@code anything://} (also {@code hxxp://} and {@code h t t p s : / /}), or
 *       mailto:, javascript:, vbscript:, data:mime/, tel:digits, sms:digits, magnet:?;</li>
 *   <li>{@code www.} followed by a name, or an IPv4 dotted quad (with or without port and path);</li>
 *   <li>a host {@code label(.label)*.tld} whose TLD is <em>strong</em>: common in links but
 *       practically never the end of a word, file name or code identifier
 *       ({@code com net org io ai co uk de ...}, punycode {@code xn--}); emails count too;</li>
 *   <li>a host whose TLD is <em>weak</em>, only when a path follows ({@code example.sh/x},
 *       {@code bit.sh:8080/x}). Weak TLDs are all other country codes, which clash with file
 *       extensions and English words ({@code setup.sh README.md main.py this.is}), and
 *       generic TLDs that are also member names ({@code logger.info stack.top self.app}).</li>
 * </ul>
 * Any other dotted token ({@code node.js}, {@code file.txt}, {@code os.path}, {@code 2.0.1}) is prose.
 * Labels may contain any letter, so internationalised names ({@code münchen.de}) are caught.
 */
public final class Links {

    private static final String ALNUM = "\\p{L}\\p{M}\\p{N}";
    /**
     * The label right before the TLD, not starting inside a word: letters/digits, inner hyphens
     * allowed (so punycode {@code xn--}). Earlier labels need not be matched: a dot may precede it.
     * Lengths are bounded (DNS allows 63) so that hostile input cannot make matching slow.
     */
    private static final String LABEL_DOT =
            "(?<![" + ALNUM + "_-])[" + ALNUM + "](?:[" + ALNUM + "-]{0,61}[" + ALNUM + "])?\\.";

    private static final String STRONG_TLDS =
            "com|net|org|edu|gov|mil|io|ai|co|uk|de|fr|jp|cn|ru|eu|nl|ch|es|br|au|ca|se|biz|tv|ly|gg|xyz"
            + "|xn--[a-z0-9-]{1,59}";
    /** Every ISO 3166 country code known to the JDK, a few extra ccTLDs and word-like gTLDs. */
    private static final String WEAK_TLDS = Stream.concat(
                    Arrays.stream(Locale.getISOCountries()).map(c -> c.toLowerCase(Locale.ROOT)),
                    Stream.of("ac", "eu", "su", "uk", "app", "dev", "info", "int", "page", "link", "click",
                            "store", "shop", "site", "online", "tech", "blog", "news", "live", "top", "club",
                            "cloud", "space", "fun", "icu", "vip", "win", "pro", "art", "wiki", "one"))
            .collect(Collectors.joining("|"));

    // --- canonicalisation -------------------------------------------------------------------
    /** Soft hyphen, combining grapheme joiner, Mongolian vowel separator, ZWSP/ZWNJ/ZWJ, LRM/RLM,
     *  word joiner and invisible operators, BOM. */
    private static final Pattern INVISIBLE =
            Pattern.compile("[\\u00AD\\u034F\\u180E\\u200B-\\u200F\\u2060-\\u2064\\uFEFF]");
    /** Dots that survive NFKC: ideographic full stop (also from U+FF61), middle dots, bullet operator. */
    private static final Pattern DOT_LOOKALIKE = Pattern.compile("[\\u3002\\u00B7\\u30FB\\u2219]");
    private static final Pattern BRACKETED_DOT =
            Pattern.compile("\\s{0,3}[\\[({]\\s{0,3}(?:\\.|dot)\\s{0,3}[\\])}]\\s{0,3}");
    private static final Pattern SPOKEN_DOT =
            Pattern.compile("(?<=[" + ALNUM + "])\\s{1,3}dot\\s{1,3}(?=[" + ALNUM + "])");
    private static final Pattern BRACKETED_COLON = Pattern.compile("[\\[({]:[\\])}]");

    // --- detection --------------------------------------------------------------------------
    private static final Pattern SCHEME = Pattern.compile("(?<![" + ALNUM + "])(?:"
            + "[a-z][a-z0-9+.-]{1,31}://"
            + "|h\\s?[tx]\\s?[tx]\\s?p\\s?s?\\s?:\\s?/\\s?/"
            + "|(?:mailto|javascript|vbscript):\\S|data:[a-z]+/|(?:tel|sms):\\+?\\d|magnet:\\?)");
    private static final Pattern WWW = Pattern.compile("(?<![" + ALNUM + "_-])www\\d*\\.[" + ALNUM + "]");
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 =
            Pattern.compile("(?<![" + ALNUM + ".])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)");
    private static final Pattern STRONG_HOST =
            Pattern.compile(LABEL_DOT + "(?:" + STRONG_TLDS + ")(?![" + ALNUM + "_-])");
    private static final Pattern WEAK_HOST_WITH_PATH =
            Pattern.compile(LABEL_DOT + "(?:" + WEAK_TLDS + ")(?::\\d{1,5})?/");

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
        String s = canonical(text);
        return SCHEME.matcher(s).find()
                || WWW.matcher(s).find()
                || IPV4.matcher(s).find()
                || STRONG_HOST.matcher(s).find()
                || WEAK_HOST_WITH_PATH.matcher(s).find();
    }

    /** Undoes the usual disguises so that only plain-link patterns are needed. */
    private static String canonical(String text) {
        String s = INVISIBLE.matcher(text).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = DOT_LOOKALIKE.matcher(s).replaceAll(".");
        s = BRACKETED_DOT.matcher(s).replaceAll(".");
        s = SPOKEN_DOT.matcher(s).replaceAll(".");
        return BRACKETED_COLON.matcher(s).replaceAll(":");
    }
}
