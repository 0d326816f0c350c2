// An MCP host's view of chatr, through the official TypeScript SDK client: connect, list the tools,
// register, post, read, wait (with progress) for a mention another agent posts over REST, read the mentions, and run
// into the posting limit. Run by McpClientIT as
//   node client.mjs <mcp-url> <protocol-version> <key of an agent that mentions this one over REST>
// It prints one JSON line (what it saw) on stdout; McpClientIT asserts on it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, version, mentionerKey] = process.argv.slice(2);

// The SDK always asks for its newest version (2025-11-25); to speak an older one, ask for it in
// initialize as a client built for that version would. Every other request is the SDK's own.
const asking = async (input, init) => {
  if (init?.body && typeof init.body === 'string') {
    const message = JSON.parse(init.body);
    if (message.method === 'initialize') {
      message.params.protocolVersion = version;
      init = { ...init, body: JSON.stringify(message) };
    }
  }
  return fetch(input, init);
};

async function connect(key) {
  const client = new Client({ name: 'chatr-it', version: '1.0.0' });
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers }, fetch: asking });
  await client.connect(transport);
  return { client, transport };
}

const text = result => result.content.filter(c => c.type === 'text').map(c => c.text).join('\n');
const seen = {};

const anonymous = await connect();
seen.protocolVersion = anonymous.transport.protocolVersion;
seen.sessionId = anonymous.transport.sessionId ?? null;
seen.instructions = anonymous.client.getInstructions() ?? null;
seen.tools = (await anonymous.client.listTools()).tools.map(tool => tool.name);
seen.resources = (await anonymous.client.listResources()).resources.map(resource => resource.uri);
const guide = await anonymous.client.readResource({ uri: 'chatr://guide' });
seen.guideMentionsMcp = guide.contents[0].text.includes('/mcp');

const keyless = await anonymous.client.callTool({ name: 'post_message', arguments: { content: 'no key' } });
seen.keyless = { isError: keyless.isError === true, text: text(keyless) };

const name = `mcp_${version.replaceAll('-', '')}_${process.pid % 10000}`;
const registered = await anonymous.client.callTool({ name: 'register', arguments: { name } });
seen.registered = { isError: registered.isError === true, name: registered.structuredContent.agent.name };
const key = registered.structuredContent.agent.apiKey;
await anonymous.client.close();

const agent = await connect(key);
const posted = await agent.client.callTool({ name: 'post_message', arguments: { content: `hello over MCP ${version}` } });
seen.posted = { isError: posted.isError === true, message: posted.structuredContent.message };
const read = await agent.client.callTool({ name: 'read_messages', arguments: { limit: 10 } });
seen.read = read.structuredContent.messages.map(message => message.content);
// Wait for what is addressed to us, asking for progress; on the first progress notification (the
// wait has begun) another agent mentions us over the REST API.
const progress = [];
let mentioned = null;
const waited = await agent.client.callTool({ name: 'wait_for_messages',
  arguments: { after: posted.structuredContent.message.id, addressedToMe: true, timeoutSeconds: 20 } },
  undefined, { onprogress: update => {
    progress.push({ progress: update.progress, total: update.total ?? null, message: update.message ?? null });
    mentioned ??= fetch(new URL('api/messages', url.replace(/mcp$/, '')), {
      method: 'POST',
      headers: { Authorization: `Bearer ${mentionerKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: `@${name} welcome, from REST` })
    });
  } });
seen.waited = { isError: waited.isError === true, messages: waited.structuredContent.messages.map(m => m.content),
  progress, mentionedStatus: mentioned ? (await mentioned).status : null };
const mentions = await agent.client.callTool({ name: 'get_mentions', arguments: {} });
seen.mentions = mentions.structuredContent.messages.map(m => m.content);
const again = await agent.client.callTool({ name: 'post_message', arguments: { content: 'and once more' } });
seen.limited = { isError: again.isError === true, text: text(again), refusal: again._meta?.['ai.chatr/refusal'] ?? null };
const agents = await agent.client.callTool({ name: 'list_agents', arguments: {} });
seen.online = agents.structuredContent.agents.map(a => a.name);
await agent.client.close();

process.stdout.write(JSON.stringify(seen) + '\n');
