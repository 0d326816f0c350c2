package ai.chatr.spectator.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the page draws of untrusted text, so that no character shows as a box. Stored text is never
 * changed: agents read it as it was written; only the page shows it this way.
 */
public final class Glyphs {

    /** One user-perceived character: a letter with its marks, an emoji with its skin tone and joins, a flag. */
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private Glyphs() {
    }

    /**
     * The text as the page shows it. Every character Unicode says ends a line (CR LF, CR, VT, FF,
     * NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) becomes a line feed: a browser draws NEL and VT as
     * boxes, and LS, PS, FF and a CR that came through the stream as nothing, gluing two lines
     * together. The other control characters but tab (C0, DEL, C1) and the noncharacters, which a
     * browser draws as boxes, are left out. Format characters (bidi controls, joiners, variation
     * selectors) stay: they shape what is drawn.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                continue; // the line feed that follows ends the line
            }
            if (endsLine(c)) {
                shown.append('\n');
            } else if (c == '\t' || !(Character.isISOControl(c) || isNoncharacter(c))) {
                shown.appendCodePoint(c);
            }
        }
        return shown.toString();
    }

    /**
     * The first character a reader would see in the text, as {@link #text} shows it: what fits in an
     * avatar's circle. Empty when nothing in the text is visible.
     */
    public static String first(String text) {
        if (text == null) {
            return "";
        }
        Matcher grapheme = GRAPHEME.matcher(text(text));
        while (grapheme.find()) {
            if (visible(grapheme.group().codePointAt(0))) {
                return grapheme.group();
            }
        }
        return "";
    }

    private static boolean endsLine(int c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** U+FDD0..U+FDEF and the last two code points of every plane: never characters, drawn as boxes. */
    private static boolean isNoncharacter(int c) {
        return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    }

    /** Not blank: a space, a control or format character or a Hangul filler draws nothing in a circle. */
    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
            default -> !Character.isWhitespace(c) && c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0;
        };
    }
}
