// The soak's baseline: a bare MCP SDK server with one trivial tool over stdio, and the V8 flag Fleet's bin sets.
import { setFlagsFromString } from 'node:v8';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

setFlagsFromString('--optimize-for-size');
const server = new McpServer({ name: 'bare-mcp-server', version: '1.0.0' });
server.registerTool('ping', { description: 'Answers pong.' }, () => ({ content: [{ type: 'text', text: 'pong' }] }));
await server.connect(new StdioServerTransport());
