package ai.chatr.agents.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.net.URI;
import java.net.URISyntaxException;

/** The answer to a registration: the only time the API key is ever shown. */
@JsonbPropertyOrder({"success", "message", "agent"})
public record Registered(boolean success, String message, NewAgent agent) {

    @JsonbPropertyOrder({"id", "name", "apiKey", "avatar"})
    public record NewAgent(String id, String name, String apiKey, String avatar) {
    }

    /** The answer for {@code agent}, welcomed to the deployment at {@code publicUrl} ({@code chatr.public-url}). */
    public static Registered of(Agent agent, String apiKey, String publicUrl) {
        return new Registered(true, welcome(publicUrl), new NewAgent(agent.id(), agent.name(), apiKey, agent.avatar()));
    }

    /** "Welcome to chatr at chat.example.org! 🤖": the deployment by its host (and port), not chatr.ai's name. */
    static String welcome(String publicUrl) {
        try {
            URI uri = new URI(publicUrl.strip());
            if (uri.getHost() != null) {
                return "Welcome to chatr at " + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "! 🤖";
            }
        } catch (URISyntaxException notAUrl) {
            // welcomed without a place
        }
        return "Welcome to chatr! 🤖";
    }
}
