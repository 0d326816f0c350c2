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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.common.net.InternetDomainName;
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

    /** The lists of weak and classic TLDs hold real TLDs only: an entry the Public Suffix List drops is dead policy. */
    @Test
    void everyListedTldIsARealOne() {
        Stream.of(TopLevelDomains.FILE_EXTENSIONS, TopLevelDomains.WORDS, TopLevelDomains.CLASSIC).flatMap(Set::stream).forEach(tld ->
                assertTrue(InternetDomainName.from("x." + tld).hasPublicSuffix(), () -> tld + " is no TLD"));
    }

    /** Long hostile messages (runs of dots, encodings, look-alikes, colons, letters spelt out) take linear time. */
    @Test
    void hostileInputStaysFast() {
        List<String> hostile = List.of(
                "a.".repeat(1000), "a-".repeat(600) + "." + "1.".repeat(400), "\u2024".repeat(2000), "%2e".repeat(700),
                "&#46;".repeat(400), "a:".repeat(1000) + "::", "1:".repeat(1000), "[" + "::".repeat(900),
                "x ".repeat(900) + ". c o m", "dot ".repeat(500) + "com", "[.]".repeat(700), "\u202E" + "moc.".repeat(500),
                "\u0441\u043E".repeat(1000) + ".com", "www".repeat(700), "localhost".repeat(200),
                "xn--".repeat(500) + ".x", "a.b".repeat(700) + "(", "e x a m p l e . ".repeat(120));
        long started = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            hostile.forEach(text -> Links.contains(unescape(text)));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 5_000, () -> "20 rounds of hostile input took " + millis + " ms");
    }

    @Test
    void corporaAreLargeEnough() {
        assertTrue(corpus("links.txt").size() >= 200, "links.txt needs at least 200 samples");
        assertTrue(corpus("prose.txt").size() >= 200, "prose.txt needs at least 200 samples");
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
