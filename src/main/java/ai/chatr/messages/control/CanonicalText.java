package ai.chatr.messages.control;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat text made to look as it is seen, so that a disguised link reads as a plain one. It owns the
 * disguises and how each is undone: invisible characters (zero-width, word joiner, BOM, soft hyphen,
 * variation selectors, tags, Hangul fillers) and bidi controls (U+202A–U+202E, U+2066–U+2069) are
 * removed, and text under a right-to-left override (U+202E) can also be read reversed, as it is
 * displayed; NFKC folds full-width letters and dots to ASCII; percent and HTML encodings of
 * {@code . / :} are decoded ({@code %2E &#46; &#x2e; &period;}); every character that Unicode's
 * confusables (TR39, {@link LookAlikes}) make a twin of {@code . : /} becomes it ({@code ܁ ܂ ٠ ․}), as
 * do the dots that are no twin of it ({@code ۔ · ⸱ ・ ∙}, but not Catalan's {@code l·l}); inside a word
 * that mixes ASCII letters with look-alikes of them, the look-alikes become ASCII ({@code exаmple.cоm}
 * with Cyrillic {@code а о}); defanged forms are undone ({@code [.] (dot) [:]}, {@code " dot "} before
 * a common TLD); a name spelt out letter by letter ({@code e x a m p l e . c o m}) is closed up. Case
 * is kept, since it tells code and sentences from hosts. It also owns what a word character is.
 */
final class CanonicalText {

    /** Letters, marks and digits: the inside of a regex character class that matches a word character. */
    static final String ALNUM = "\\p{L}\\p{M}\\p{N}";
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

    private CanonicalText() {
    }

    /** {@code text} without its disguises: visible, then canonical. */
    static String of(String text) {
        return canonical(visible(text));
    }

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
    static String asDisplayed(String text) {
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
            s = ENCODED.matcher(s).replaceAll(CanonicalText::decoded);
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

    /** A letter, digit or mark: a character of a word (or of a host name's label). */
    static boolean wordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
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
    static boolean containsIgnoringCase(String s, String word) {
        char first = word.charAt(0);
        for (int i = 0, last = s.length() - word.length(); i <= last; i++) {
            if ((s.charAt(i) | 0x20) == first && s.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
