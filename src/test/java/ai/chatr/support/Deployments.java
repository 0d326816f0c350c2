package ai.chatr.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR Maven built, as shipped, plus a configuration that outranks its defaults: each test
 * class runs the real product with only the settings it names changed, on a fresh database.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive chatr(Map<String, String> settings) {
        Path war = Path.of(System.getProperty("chatr.war", "target/chatr.war"));
        Map<String, String> config = new TreeMap<>(settings);
        config.put("config_ordinal", "500");
        config.putIfAbsent("chatr.data-dir", freshDataDir().toString());
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        JavaArchive testConfig = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile()).addAsLibrary(testConfig);
    }

    private static Path freshDataDir() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "it-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
