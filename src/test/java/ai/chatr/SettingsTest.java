package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per setting: every {@code chatr.*} key is named once in the code, by the feature that
 * owns it (which gives its default there, or in {@code microprofile-config.properties}), and every
 * key is in the README's configuration table, so an operator can find what they can set.
 */
class SettingsTest {

    /** A key as the code names it: the whole string literal. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(chatr\\.[a-z0-9.-]+)\"");
    private static final Pattern PROPERTY = Pattern.compile("^(chatr\\.[a-z0-9.-]+)=", Pattern.MULTILINE);
    private static final Pattern README_KEY = Pattern.compile("`(chatr\\.[a-z0-9.-]+)`");

    @Test
    void everyKeyIsNamedByOneClassOnce() {
        Map<String, Long> namings = javaSources()
                .flatMap(source -> KEY_LITERAL.matcher(read(source)).results().map(found -> found.group(1)))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        assertThat(namings).isNotEmpty();
        assertThat(namings.entrySet().stream().filter(named -> named.getValue() > 1).map(Map.Entry::getKey))
                .as("settings named in more than one place (inject the owner instead)")
                .isEmpty();
    }

    @Test
    void everyKeyIsInTheReadmeConfigurationTable() {
        Set<String> documented = new TreeSet<>();
        for (String line : read(Path.of("README.md")).split("\n")) {
            if (line.startsWith("|")) {
                String firstColumn = line.substring(1).split("\\|", 2)[0];
                README_KEY.matcher(firstColumn).results().map(found -> found.group(1)).forEach(documented::add);
            }
        }
        assertThat(documented).as("the README's configuration table").containsAll(keys());
    }

    /** Every key chatr reads: named in the code or given a default in its configuration file. */
    private static Set<String> keys() {
        Set<String> keys = javaSources()
                .flatMap(source -> KEY_LITERAL.matcher(read(source)).results().map(found -> found.group(1)))
                .collect(Collectors.toCollection(TreeSet::new));
        Matcher defaults = PROPERTY.matcher(read(Path.of("src/main/resources/META-INF/microprofile-config.properties")));
        defaults.results().map(found -> found.group(1)).forEach(keys::add);
        return keys;
    }

    private static Stream<Path> javaSources() {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
