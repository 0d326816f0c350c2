package ai.chatr.messages.control;

/**
 * The signs that a dotted name is code or a run-on sentence, not a host: its case ({@code
 * com.example.Foo}, {@code System.IO}, {@code it.No}), a label written as an identifier ({@code
 * my_app}, {@code myObj}), or a file path before it ({@code src/main.rs}). It owns how each sign is
 * read from the text; {@link HostNames} decides when a sign counts, by the TLD the name is under.
 */
final class CodeSigns {

    private CodeSigns() {
    }

    /**
     * A capitalised TLD ({@code it.No}, {@code com.example.Foo}, {@code г.Москва}), or an upper-case
     * one under a capitalised name ({@code System.IO}), in a name not written all in capitals.
     */
    static boolean casedLikeCode(String s, int hostStart, int prevStart, int tldStart, int tldEnd) {
        if (!hasUpper(s, tldStart, tldEnd) || !hasLower(s, hostStart, tldEnd)) {
            return false;
        }
        boolean capitalised = Character.isUpperCase(s.charAt(tldStart)) && !hasUpper(s, tldStart + 1, tldEnd);
        return capitalised || hasUpper(s, prevStart, tldStart - 1);
    }

    /** An underscore ({@code my_app}) or a lower-case letter followed by a capital ({@code myObj}): no host name is written so. */
    static boolean identifier(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '_' || (i > from && Character.isUpperCase(c) && Character.isLowerCase(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** A single {@code /} or a {@code \} just before the name: a file path ({@code src/main.rs}, {@code /Applications/Safari.app}). */
    static boolean filePath(String s, int hostStart) {
        return hostStart > 0 && (s.charAt(hostStart - 1) == '\\'
                || (s.charAt(hostStart - 1) == '/' && (hostStart < 2 || s.charAt(hostStart - 2) != '/')));
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
}
