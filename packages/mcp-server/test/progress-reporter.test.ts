// The progress reporter alone: MCP progress must increase, so a step that does not advance is not sent (the fleet never repeats a step, so no call through a tool can show it).
import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { createProgressReporter } from '../src/progress-reporter.js';
import { createCapturedLogger } from './captured-logger.js';

test('a step that does not advance is not sent, since MCP progress must increase', async () => {
  const sent: ServerNotification[] = [];
  const reporter = createProgressReporter(
    { _meta: { progressToken: 'token-1' }, sendNotification: async (notification) => void sent.push(notification) },
    createCapturedLogger().logger,
  );

  reporter.report({ progress: 1, total: 4, message: 'queued' });
  reporter.report({ progress: 2, total: 4, message: 'running' });
  reporter.report({ progress: 2, total: 4, message: 'still running' });
  reporter.report({ progress: 4, total: 4, message: 'online' });
  await reporter.flush();

  expect(sent.map((notification) => notification.params)).toEqual([
    { progressToken: 'token-1', progress: 1, total: 4, message: 'queued' },
    { progressToken: 'token-1', progress: 2, total: 4, message: 'running' },
    { progressToken: 'token-1', progress: 4, total: 4, message: 'online' },
  ]);
});
