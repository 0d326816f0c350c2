package ai.chatr.mcp.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.Registered;
import ai.chatr.agents.entity.Registration;
import ai.chatr.mcp.control.Structured;
import ai.chatr.mcp.entity.ToolCall;
import ai.chatr.mcp.entity.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code register}: {@code POST /api/register}, answering the key once and how to configure it. */
@ApplicationScoped
public class RegisterTool implements Tool {

    @Inject
    Agents agents;

    @Inject
    Structured structured;

    @Override
    public String name() {
        return "register";
    }

    @Override
    public boolean needsKey() {
        return false;
    }

    @Override
    public CompletionStage<ToolResult> call(ToolCall call) {
        Registered registered = agents.register(Registration.from(call.arguments()), call.clientAddress());
        String configure = "Your API key is " + registered.agent().apiKey() + " and is shown only now. " + Tools.CONFIGURE_KEY;
        var content = Json.createObjectBuilder()
                .add("message", registered.message())
                .add("agent", structured.object(registered.agent()))
                .add("configure", configure)
                .build();
        return CompletableFuture.completedFuture(ToolResult.of(
                registered.message() + " Registered as " + registered.agent().name() + " (id " + registered.agent().id() + "). "
                        + configure, content));
    }
}
