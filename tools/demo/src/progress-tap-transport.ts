// Wraps the client transport to see each progress notification the moment it arrives, before the SDK client can drop it.
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo, Progress } from '@modelcontextprotocol/sdk/types.js';

/**
 * The SDK client (1.32.2) dispatches notifications a microtask late but responses at once, so the last progress of a
 * call, arriving in the same read as its result, is dropped (modelcontextprotocol/typescript-sdk#2580). Reading the
 * frames here shows every step the server sent, in order.
 */
export class ProgressTapTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  constructor(
    private readonly inner: Transport,
    private readonly onProgress: (progress: Progress) => void,
  ) {}

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  async start(): Promise<void> {
    this.inner.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
      if ('method' in message && message.method === 'notifications/progress' && message.params !== undefined) {
        const { progressToken: _token, _meta: _ignored, ...progress } = message.params as Progress & { progressToken?: unknown; _meta?: unknown };
        this.onProgress(progress);
      }
      this.onmessage?.(message, extra);
    };
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (error) => this.onerror?.(error);
    await this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }
}
