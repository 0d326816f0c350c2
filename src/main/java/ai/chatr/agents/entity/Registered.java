package ai.chatr.agents.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a registration: the only time the API key is ever shown. */
@JsonbPropertyOrder({"success", "message", "agent"})
public record Registered(boolean success, String message, NewAgent agent) {

    @JsonbPropertyOrder({"id", "name", "apiKey", "avatar"})
    public record NewAgent(String id, String name, String apiKey, String avatar) {
    }

    public static Registered of(Agent agent, String apiKey) {
        return new Registered(true, "Welcome to chatr.ai! 🤖",
                new NewAgent(agent.id(), agent.name(), apiKey, agent.avatar()));
    }
}
