package ai.chatr.messages.control;

import com.ibm.icu.text.SpoofChecker;

/**
 * Characters that look like ASCII ones, by Unicode's confusables (TR39, through ICU's
 * {@link SpoofChecker#getSkeleton}): a character whose skeleton is the skeleton of an ASCII
 * character has that character as its twin (Cyrillic {@code о} has {@code o}, Cyrillic {@code м}
 * has {@code m}, Syriac {@code ܁} has {@code .}). The table is built once, from the whole Basic
 * Multilingual Plane except ideographs and Hangul syllables (none of which has an ASCII twin);
 * looking a character up costs an array read.
 */
final class LookAlikes {

    /** The ASCII characters a twin may be, the preferred first: lower-case letters win over digits ('O' over '0'). */
    private static final String ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:";
    private static final char[] TWIN = build();

    private LookAlikes() {
    }

    /** The ASCII character {@code c} looks like, or 0 when it is ASCII itself or looks like none. */
    static char twin(char c) {
        return c < 0x80 ? 0 : TWIN[c];
    }

    private static char[] build() {
        SpoofChecker checker = new SpoofChecker.Builder().build();
        java.util.Map<String, Character> bySkeleton = new java.util.HashMap<>();
        for (char c : ASCII.toCharArray()) {
            bySkeleton.putIfAbsent(checker.getSkeleton(String.valueOf(c)), c);
        }
        char[] twins = new char[0x10000];
        for (int c = 0x80; c < 0x10000; c++) {
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || Character.isIdeographic(c) || (c >= 0xAC00 && c <= 0xD7A3)) {
                continue;
            }
            Character twin = bySkeleton.get(checker.getSkeleton(String.valueOf((char) c)));
            if (twin != null) {
                twins[c] = twin;
            }
        }
        return twins;
    }
}
