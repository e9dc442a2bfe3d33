// An MCP SDK client connected to the fleet server over any transport, with the server's frames recorded.
import { isDeepStrictEqual } from 'node:util';
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
    /** The error codes each tool's description names: every error a test meets must be among them. */
    private readonly declaredErrors: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  static async connect(transport: Transport): Promise<FleetSession> {
    const recording = new RecordingTransport(transport);
    const client = new Client({ name: 'fleet-e2e', version: '1.0.0' });
    await client.connect(recording);
    // Listing the tools makes the SDK client check every structuredContent against the tool's advertised output schema.
    const { tools } = await client.listTools();
    const declaredErrors = new Map(tools.map((tool) => [tool.name, declaredErrorCodes(tool.description ?? '')]));
    return new FleetSession(client, recording, declaredErrors);
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
    const answer = result as CallToolResult;
    this.#checkAnswerKeepsItsWord(name, answer);
    return answer;
  }

  /**
   * What every answer promises, checked on every call of every test: an error's code is one the tool's
   * description names (so a model can plan for it); a success's text ends with the whole structured result.
   */
  #checkAnswerKeepsItsWord(tool: string, answer: CallToolResult): void {
    const text = answer.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
    if (answer.isError === true) {
      const code = (answer._meta?.['fleet/error'] as { code?: string } | undefined)?.code;
      const declared = this.declaredErrors.get(tool);
      // INTERNAL is every tool's last resort (a bug or a cancelled call), never a documented outcome.
      if (code !== undefined && code !== 'INTERNAL' && declared !== undefined && !declared.has(code)) {
        throw new Error(`${tool} answered ${code}, which its description does not name (it names ${[...declared].join(', ')}): ${text}`);
      }
      return;
    }
    const separator = text.lastIndexOf('\n\n');
    if (separator < 0 || !isDeepStrictEqual(parsedOrUndefined(text.slice(separator + 2)), answer.structuredContent)) {
      throw new Error(`${tool}'s text does not end with its structured result as JSON: ${text}`);
    }
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

function parsedOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** The codes a description's closing "Errors: CODE when …; CODE …." sentence names. */
function declaredErrorCodes(description: string): ReadonlySet<string> {
  const sentence = description.slice(description.lastIndexOf('Errors: '));
  return new Set([...sentence.matchAll(/(?:Errors: |; )([A-Z_]+)/g)].map((match) => match[1] ?? ''));
}

/** The progress a frame carries, without its token, as the SDK hands it to `onprogress`; none for other frames. */
function progressIn(frame: string): Progress[] {
  const message = JSON.parse(frame) as { method?: string; params?: Progress & { progressToken?: unknown } };
  if (message.method !== 'notifications/progress' || message.params === undefined) return [];
  const { progressToken: _token, ...progress } = message.params;
  return [progress];
}
