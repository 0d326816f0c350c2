package ai.chatr.support;

import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official Standard Webhooks library (npm {@code standardwebhooks}, pinned in src/test/node),
 * run by a real {@code node}: what it says of deliveries a receiver got, checked with a secret.
 */
public final class StandardWebhooks {

    private static final Path HOME = Path.of("src/test/node").toAbsolutePath();

    private StandardWebhooks() {
    }

    /** For each request, in order: {@code verified} or {@code refused: <why>}. */
    public static List<String> verify(String secret, List<HookReceiver.Request> requests) {
        try {
            Process node = new ProcessBuilder("node", HOME.resolve("verify-webhook.js").toString()).redirectErrorStream(true).start();
            try (Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
                for (HookReceiver.Request request : requests) {
                    in.write(Json.createObjectBuilder().add("secret", secret).add("id", request.id())
                            .add("timestamp", request.timestamp()).add("signature", request.signature())
                            .add("body", request.body()).build().toString() + "\n");
                }
            }
            List<String> verdicts = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(verdicts::add);
            }
            if (!node.waitFor(1, TimeUnit.MINUTES) || node.exitValue() != 0) {
                throw new IllegalStateException("node verify-webhook.js failed: " + verdicts);
            }
            return verdicts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
