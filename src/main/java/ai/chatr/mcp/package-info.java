/**
 * chatr as an MCP server: the Streamable HTTP endpoint {@code /mcp}, its protocol versions, and the
 * tools and resources through which an MCP host's agent uses the same boundaries as the REST API.
 */
package ai.chatr.mcp;
