// Forwards the steps of a long call (a waiting create or restart, a wait for agents) to the client as MCP progress notifications, in order.
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from './logger.js';

/** One step of a long call: where it stands out of `total`, and what is happening. */
export interface ProgressUpdate {
  progress: number;
  total: number;
  message: string;
}

export interface ProgressReporter {
  report(progress: ProgressUpdate): void;
  /** Resolves once every reported step was handed to the transport, so the result cannot overtake them. */
  flush(): Promise<void>;
}

type RequestExtra = Pick<RequestHandlerExtra<ServerRequest, ServerNotification>, '_meta' | 'sendNotification'>;

export function createProgressReporter(extra: RequestExtra, logger: Logger): ProgressReporter {
  const progressToken = extra._meta?.progressToken;
  // A client that sent no token did not ask for progress: sending some anyway would be a protocol error.
  if (progressToken === undefined) return { report: () => undefined, flush: () => Promise.resolve() };

  let delivered: Promise<void> = Promise.resolve();
  let lastProgress = Number.NEGATIVE_INFINITY;
  return {
    report(progress) {
      // MCP requires progress to increase with every notification; a repeated step adds nothing new.
      if (!(progress.progress > lastProgress)) {
        logger.debug('progress step not sent: not past the previous one', { progress: progress.progress, message: progress.message });
        return;
      }
      lastProgress = progress.progress;
      const notification: ServerNotification = {
        method: 'notifications/progress',
        params: { progressToken, progress: progress.progress, total: progress.total, message: progress.message },
      };
      delivered = delivered
        .then(() => extra.sendNotification(notification))
        .catch((error: unknown) => logger.warn('could not send a progress notification', { error }));
    },
    flush: () => delivered,
  };
}
