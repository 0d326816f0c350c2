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
 * Labels may contain any letter, so internationalised names ({@code münchen.de}) are caught, and so are
 * <ul>
 *   <li>punycode labels anywhere in a host ({@code xn--bcher-kva.de}, {@code xn--bcher-kva.sh});</li>
 *   <li>non-Latin TLDs written after a letter and a dot: country codes without a path
 *       ({@code пример.рф}, {@code 例子.中国}), generic ones that are also words ({@code 公司 онлайн})
 *       with one. The ideographic full stop ({@code 。}) does not count as a dot here: it ends
 *       sentences ({@code 我爱中国。中国很大}), so {@code 例子。中国} passes;</li>
 *   <li>{@code com net org} after a dot with spaces around it: {@code example . com} (also in capitals),
 *       and, lower-case and at the end or before a path or port, {@code example .com} and
 *       {@code example. com}. A sentence that ends and a word that follows ({@code I like it . Really},
 *       {@code Das ist gut. Com...}, {@code the .com bubble}, Portuguese {@code etc. com muito sabor}) is prose.</li>
 * </ul>
 */
public final class Links {

    private static final String ALNUM = "\\p{L}\\p{M}\\p{N}";
    /**
     * The label right before the TLD, not starting inside a word: letters/digits, inner hyphens
     * allowed (so punycode {@code xn--}). Earlier labels need not be matched: a dot may precede it.
     * Lengths are bounded (DNS allows 63) so that hostile input cannot make matching slow.
     */
    private static final String LABEL = "(?<![" + ALNUM + "_-])[" + ALNUM + "](?:[" + ALNUM + "-]{0,61}[" + ALNUM + "])?";
    private static final String LABEL_DOT = LABEL + "\\.";

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

    /** Non-Latin country-code TLDs (and {@code 닷컴 닷넷 קום}): never a word after a letter and a dot. */
    private static final String NON_LATIN_STRONG_TLDS = String.join("|",
            "рф", "рус", "укр", "срб", "бел", "мкд", "қаз", "мон", "бг", "ею",
            "中国", "中國", "香港", "台湾", "台灣", "澳門", "澳门", "新加坡", "한국", "닷컴", "닷넷",
            "ไทย", "भारत", "ভারত", "இந்தியா", "இலங்கை", "ලංකා", "ελ", "ευ", "გე", "հայ", "ישראל", "קום",
            "مصر", "ایران", "السعودية", "امارات", "قطر", "الجزائر", "المغرب", "تونس", "سورية", "الاردن",
            "فلسطين", "عمان", "پاکستان", "عراق", "البحرين", "السودان", "ليبيا", "اليمن", "بھارت");
    /** Non-Latin generic TLDs that are also words ("company", "online", "everyone"): only with a path. */
    private static final String NON_LATIN_WEAK_TLDS = String.join("|",
            "онлайн", "сайт", "орг", "ком", "москва", "дети",
            "公司", "网络", "在线", "网址", "网店", "网站", "商城", "信息", "机构", "游戏", "企业", "集团", "手机", "移动",
            "みんな", "コム", "ストア", "クラウド", "شبكة", "موقع", "كوم", "عرب", "कॉम", "नेट", "संगठन");

    // --- canonicalisation -------------------------------------------------------------------
    /** Soft hyphen, combining grapheme joiner, Mongolian vowel separator, ZWSP/ZWNJ/ZWJ, LRM/RLM,
     *  word joiner and invisible operators, BOM. */
    private static final Pattern INVISIBLE =
            Pattern.compile("[\\u00AD\\u034F\\u180E\\u200B-\\u200F\\u2060-\\u2064\\uFEFF]");
    /** Dots that survive NFKC: ideographic full stop (also from U+FF61), middle dots, bullet operator. */
    private static final Pattern DOT_LOOKALIKE = Pattern.compile("[\\u3002\\u00B7\\u30FB\\u2219]");
    /** The same without the ideographic full stop, which ends sentences in Chinese and Japanese. */
    private static final Pattern DOT_LOOKALIKE_BUT_FULL_STOP = Pattern.compile("[\\u00B7\\u30FB\\u2219]");
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
    /** A punycode label followed by another one, whatever the TLD: prose never writes {@code xn--}. */
    private static final Pattern PUNYCODE_LABEL =
            Pattern.compile("(?<![" + ALNUM + "_-])xn--[a-z0-9-]{1,59}\\.[" + ALNUM + "]");
    private static final Pattern NON_LATIN_HOST = Pattern.compile("[\\p{L}\\p{M}]\\.(?:"
            + "(?:" + NON_LATIN_STRONG_TLDS + ")(?![" + ALNUM + "_-])"
            + "|(?:" + NON_LATIN_WEAK_TLDS + ")(?::\\d{1,5})?/)");
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
        String visible = Normalizer.normalize(INVISIBLE.matcher(text).replaceAll(""), Normalizer.Form.NFKC);
        String s = canonical(visible, DOT_LOOKALIKE);
        return SCHEME.matcher(s).find()
                || WWW.matcher(s).find()
                || IPV4.matcher(s).find()
                || STRONG_HOST.matcher(s).find()
                || WEAK_HOST_WITH_PATH.matcher(s).find()
                || PUNYCODE_LABEL.matcher(s).find()
                || NON_LATIN_HOST.matcher(canonical(visible, DOT_LOOKALIKE_BUT_FULL_STOP)).find()
                || SPACED_DOT_HOST.matcher(visible).find();
    }

    /** Undoes the usual disguises so that only plain-link patterns are needed. */
    private static String canonical(String visible, Pattern dots) {
        String s = visible.toLowerCase(Locale.ROOT);
        s = dots.matcher(s).replaceAll(".");
        s = BRACKETED_DOT.matcher(s).replaceAll(".");
        s = SPOKEN_DOT.matcher(s).replaceAll(".");
        return BRACKETED_COLON.matcher(s).replaceAll(":");
    }
}
