// A real SDK client talking to the fleet MCP server over the SDK's in-memory transport, with the server's outgoing messages recorded.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Fleet } from '@fleet/fleet-domain';
import { createFleetMcpServer } from '../src/server.js';
import type { ToolCaller } from '../src/tool-context.js';
import { createCapturedLogger, type CapturedLogger } from './captured-logger.js';

export interface ConnectedClient {
  client: Client;
  log: CapturedLogger;
  /** Every message the server sent, in order. */
  serverMessages: JSONRPCMessage[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function connectClient(fleet: Fleet, options: { secrets?: string[]; caller?: ToolCaller } = {}): Promise<ConnectedClient> {
  const log = createCapturedLogger({ secrets: options.secrets ?? [] });
  const server = createFleetMcpServer(fleet, { logger: log.logger, version: '0.0.0-test', ...(options.caller === undefined ? {} : { caller: options.caller }) });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const serverMessages: JSONRPCMessage[] = [];
  const send = serverTransport.send.bind(serverTransport);
  serverTransport.send = async (message, sendOptions) => {
    serverMessages.push(message);
    return send(message, sendOptions);
  };
  const client = new Client({ name: 'fleet-test-client', version: '1.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  // Listing the tools makes the client check every structuredContent against the advertised output schema.
  await client.listTools();
  return {
    client,
    log,
    serverMessages,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
