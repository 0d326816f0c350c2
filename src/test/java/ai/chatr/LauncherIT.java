package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.chatr.support.Launcher;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code payara/start} as a supervisor sees it: a chatr that cannot deploy does not leave a Payara
 * Micro behind that answers 404 to everything, but ends the launcher with an error and its cause;
 * a SIGTERM to the launcher stops the server within seconds.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes: runs beside the shared servers (failsafe configuration in pom.xml)
class LauncherIT {

    /** A boot on a busy 2-core machine has taken over 3 minutes; deployment fails near its end. */
    private static final Duration BOOT = Duration.ofMinutes(6);

    @Test
    void aFailedDeploymentEndsTheLauncherWithTheCause() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "undeployable-data-");
        int port = Launcher.freePort();
        // no JDBC driver takes this URL: creating the tables fails, and with it the deployment
        try (Launcher chatr = Launcher.launch(data, port, Map.of("CHATR_DB_URL", "jdbc:nothing:here"))) {
            assertThat(chatr.process().waitFor(BOOT.toSeconds(), TimeUnit.SECONDS))
                    .as("the launcher ends by itself").isTrue();
            assertThat(chatr.process().exitValue()).isEqualTo(1);
            assertThat(Files.readString(chatr.log()))
                    .contains("payara/start: chatr failed to deploy")
                    .contains("No suitable driver found for jdbc:nothing:here");
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                    .as("nothing listens on the port any more").isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void sigtermStopsTheServerWithinSeconds() throws IOException, InterruptedException {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stopped-data-");
        try (Launcher chatr = Launcher.start(data, Launcher.freePort(), Map.of())) {
            List<ProcessHandle> server = chatr.server();
            assertThat(server).hasSize(1);
            assertThat(Files.readString(chatr.log())).as("every setting has its default at start, chatr.db.* too")
                    .doesNotContain("no value found");

            chatr.process().destroy(); // SIGTERM to the launcher
            assertThat(chatr.process().waitFor(10, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
            assertThat(chatr.process().exitValue()).as("Java's exit code after SIGTERM").isEqualTo(143);
            assertThat(server.get(0).isAlive()).as("Payara Micro is gone too").isFalse();
        }
    }
}
