package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operating recipes the README shows are the files the tests run: an operator who copies one
 * copies what was tested.
 */
class RecipesTest {

    @Test
    void theReadmeShowsTheNginxConfigurationClusterItRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String tested = Files.readString(Path.of("payara/nginx.conf"));
        assertThat(readme).as("README.md's nginx block, against payara/nginx.conf").contains("```nginx\n" + tested + "```\n");
    }

    /**
     * systemd cannot run as PID 1 here, so the unit is checked the way systemd would load it, with
     * this checkout standing in for /opt/chatr; what it relies on, payara/start's exit codes (1 when
     * chatr did not deploy, 143 after SIGTERM), is LauncherIT's.
     */
    @Test
    void theSystemdUnitStartsTheLauncherAndLoadsCleanly(@TempDir Path dir) throws Exception {
        String unit = Files.readString(Path.of("payara/chatr.service"));
        assertThat(unit).contains("ExecStart=/opt/chatr/payara/start", "Restart=on-failure", "SuccessExitStatus=143");
        Path here = dir.resolve("chatr.service");
        Files.writeString(here, unit.replace("/opt/chatr", Path.of("").toAbsolutePath().toString()));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", here.toString()).redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor()).as(said).isZero();
        assertThat(said).as("systemd-analyze verify's complaints").isBlank();
    }
}
