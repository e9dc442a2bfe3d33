// An MCP SDK client connected to the fleet server over any transport, with the server's frames recorded.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { RecordingTransport } from './recording-transport.js';

export interface CallOptions {
  /** Set: the client sends a progress token and hands each notification here. */
  onProgress?: (progress: Progress) => void;
}

export interface ProgressCall {
  result: CallToolResult;
  /** Every progress notification the server sent for the call, in wire order. */
  sent: Progress[];
  /** Those the SDK client handed to `onprogress`: a prefix of `sent` (see callWithProgress). */
  delivered: Progress[];
}

const CALL_TIMEOUT_MS = 30_000;

export class FleetSession {
  private constructor(
    readonly client: Client,
    private readonly transport: RecordingTransport,
  ) {}

  static async connect(transport: Transport): Promise<FleetSession> {
    const recording = new RecordingTransport(transport);
    const client = new Client({ name: 'fleet-e2e', version: '1.0.0' });
    await client.connect(recording);
    // Listing the tools makes the SDK client check every structuredContent against the tool's advertised output schema.
    await client.listTools();
    return new FleetSession(client, recording);
  }

  /** Every message the server sent, as JSON text. */
  get receivedFrames(): readonly string[] {
    return this.transport.receivedFrames;
  }

  async call(name: string, args: Record<string, unknown> = {}, options: CallOptions = {}): Promise<CallToolResult> {
    const result = await this.client.callTool({ name, arguments: args }, undefined, {
      timeout: CALL_TIMEOUT_MS,
      resetTimeoutOnProgress: true,
      ...(options.onProgress === undefined ? {} : { onprogress: options.onProgress }),
    });
    return result as CallToolResult;
  }

  /**
   * Calls a tool with a progress token and returns both what the server sent and what the SDK client delivered.
   * They differ: the SDK (1.32.2) dispatches notifications a microtask late but responses at once, so progress that
   * arrives in the same read as the response finds its handler gone and is dropped
   * (modelcontextprotocol/typescript-sdk#2580). The server's behaviour is what the wire shows.
   */
  async callWithProgress(name: string, args: Record<string, unknown>): Promise<ProgressCall> {
    const firstFrame = this.transport.receivedFrames.length;
    const delivered: Progress[] = [];
    const result = await this.call(name, args, { onProgress: (progress) => delivered.push(progress) });
    const sent = this.transport.receivedFrames.slice(firstFrame).flatMap((frame) => progressIn(frame));
    return { result, sent, delivered };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** The progress a frame carries, without its token, as the SDK hands it to `onprogress`; none for other frames. */
function progressIn(frame: string): Progress[] {
  const message = JSON.parse(frame) as { method?: string; params?: Progress & { progressToken?: unknown } };
  if (message.method !== 'notifications/progress' || message.params === undefined) return [];
  const { progressToken: _token, ...progress } = message.params;
  return [progress];
}
