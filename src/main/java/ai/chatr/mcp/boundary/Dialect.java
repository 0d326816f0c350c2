package ai.chatr.mcp.boundary;

import ai.chatr.mcp.entity.Answer;
import ai.chatr.mcp.entity.Exchange;
import ai.chatr.mcp.entity.RpcRequest;
import java.util.concurrent.CompletionStage;

/**
 * A family of MCP versions: how it checks a request, which of the {@link Methods} it knows and how
 * it shapes their results. {@link StatelessDialect} speaks 2026-07-28, {@link SessionDialect} the
 * versions that open with {@code initialize}.
 */
interface Dialect {

    /** The answer to one request of this family; a refusal of the protocol is thrown as an {@code McpError}. */
    CompletionStage<Answer> answer(Exchange exchange, RpcRequest request);
}
