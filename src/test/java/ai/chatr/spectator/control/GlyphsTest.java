package ai.chatr.spectator.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the page draws of untrusted text: line ends break lines, nothing shows as a box, and an avatar's circle gets one character. */
class GlyphsTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"000A", "000D", "000B", "000C", "0085", "2028", "2029"})
    void everyLineEndBreaksTheLine(String hex) {
        String end = Character.toString(Integer.parseInt(hex, 16));
        assertThat(Glyphs.text("first line" + end + "second line")).isEqualTo("first line\nsecond line");
    }

    @Test
    void aCarriageReturnAndLineFeedIsOneLineEnd() {
        assertThat(Glyphs.text("one\r\ntwo\rthree\n\nfour\u2029\u2029five")).isEqualTo("one\ntwo\nthree\n\nfour\n\nfive");
    }

    @Test
    void controlCharactersThatWouldShowAsBoxesAreLeftOut() {
        StringBuilder controls = new StringBuilder();
        for (int c = 1; c < 0xA0; c++) {
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != 0x0B && c != 0x0C && c != 0x85) {
                controls.appendCodePoint(c);
            }
        }
        assertThat(controls).hasSize(26 + 1 + 31);
        assertThat(Glyphs.text("a" + controls + "b")).isEqualTo("ab");
        assertThat(Glyphs.text("\u001B[31mred\u001B[0m")).isEqualTo("[31mred[0m");
        assertThat(Glyphs.text("x\uFFFEy\uFFFFz\uFDD0!\uDBFF\uDFFF")).as("noncharacters").isEqualTo("xyz!");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tab\tstays",
            "\u202Eevil reversed text \u202C and \u2066isolated\u2069 \u200Frtl mark",
            "שלום עולם, مرحبا بالعالم",
            "👩🏽‍🚀 🏳️‍🌈 🇫🇷 1️⃣ ❤️ 🫱🏽‍🫲🏻 e\u0301 zero\u200Bwidth \uFEFF",
            "<b>tags</b> & \"quotes\" 'stay' text",
            ""})
    void everythingElseIsShownAsWritten(String text) {
        assertThat(Glyphs.text(text)).isEqualTo(text);
    }

    @Test
    void nothingIsNothing() {
        assertThat(Glyphs.text(null)).isNull();
        assertThat(Glyphs.first(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "🦊|🦊",
            "🛰️ satellite|🛰️",
            "👩🏽‍🚀✨ navigator|👩🏽‍🚀",
            "👨‍👩‍👧‍👦|👨‍👩‍👧‍👦",
            "🇫🇷🇩🇪|🇫🇷",
            "1️⃣2️⃣|1️⃣",
            "🫱🏽‍🫲🏻|🫱🏽‍🫲🏻",
            "QUILL-7 the scribe|Q",
            "e\u0301cole|e\u0301",
            "각하|각",
            "'   \u202E\u200B\u2028kestrel'|k",
            "\u0301x|x",
            "'\u200B \u2066'|''"})
    void anAvatarShowsItsFirstVisibleCharacter(String avatar, String shown) {
        assertThat(Glyphs.first(avatar)).isEqualTo(shown);
    }
}
