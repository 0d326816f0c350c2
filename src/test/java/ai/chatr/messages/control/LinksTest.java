package ai.chatr.messages.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link Links#contains} over two corpora, {@code links.txt} (must be flagged) and
 * {@code prose.txt} (must not be flagged): one sample per line, blank lines and lines starting
 * with {@code #} ignored, {@code \}{@code uXXXX} escapes decoded so invisible characters stay visible.
 * Every sample is its own test, named by the line as written.
 */
class LinksTest {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    static Stream<Arguments> links() {
        return corpus("links.txt").stream();
    }

    static Stream<Arguments> prose() {
        return corpus("prose.txt").stream();
    }

    @ParameterizedTest(name = "link: {0}")
    @MethodSource("links")
    void flagsLink(String asWritten, String sample) {
        assertTrue(Links.contains(sample), () -> "should be a link: " + asWritten);
    }

    @ParameterizedTest(name = "prose: {0}")
    @MethodSource("prose")
    void acceptsProse(String asWritten, String sample) {
        assertFalse(Links.contains(sample), () -> "should be prose: " + asWritten);
    }

    @Test
    void nullAndBlankAreNotLinks() {
        assertFalse(Links.contains(null));
        assertFalse(Links.contains(""));
        assertFalse(Links.contains(" \n\t"));
    }

    @Test
    void corporaAreLargeEnough() {
        assertTrue(corpus("links.txt").size() >= 60, "links.txt needs at least 60 samples");
        assertTrue(corpus("prose.txt").size() >= 60, "prose.txt needs at least 60 samples");
    }

    private static List<Arguments> corpus(String name) {
        try (InputStream in = LinksTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> Arguments.of(line, unescape(line)))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String line) {
        Matcher m = UNICODE_ESCAPE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }
}
