// Registers one fleet tool with the SDK: strict input check, one call to the fleet, the result or the error as MCP expects it.
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';
import type { AgentProgress } from '@fleet/fleet-models';
import { toolErrorResult } from './errors.js';
import { createProgressReporter } from './progress-reporter.js';
import type { ToolContext } from './tool-context.js';
import { declaredInputSchema, parseToolInput, type ToolInputSchema } from './tool-input.js';
import { multiline } from './outputs/terminal-text.js';

/** All four hints, spelled out: a client must not have to guess a default. */
export interface FleetToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolCall {
  signal: AbortSignal;
  /** Sends a step to the client when it asked for progress; does nothing otherwise. */
  reportProgress(progress: AgentProgress): void;
}

export interface ToolAnswer<Structured> {
  structured: Structured;
  /** A short reading of the result for clients and models that only read text. */
  text: string;
}

export interface FleetToolDefinition<Input extends ToolInputSchema, Output extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: FleetToolAnnotations;
  run(input: z.output<Input>, call: ToolCall): Promise<ToolAnswer<z.output<Output>>>;
}

export function registerFleetTool<Input extends ToolInputSchema, Output extends z.ZodObject>(
  server: McpServer,
  context: ToolContext,
  tool: FleetToolDefinition<Input, Output>,
): RegisteredTool {
  const logger = context.logger.child({ tool: tool.name });
  return server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: declaredInputSchema(tool.input),
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (args, extra) => {
      const started = performance.now();
      const progress = createProgressReporter(extra, logger);
      try {
        const input = parseToolInput(tool.input, args);
        const answer = await tool.run(input, { signal: extra.signal, reportProgress: (step) => progress.report(step) });
        await progress.flush();
        logger.debug('tool call answered', { duration_ms: Math.round(performance.now() - started) });
        return {
          // Whatever a tool wrote, no control character from Coder or an agent reaches the reader's terminal.
          content: [{ type: 'text', text: multiline(answer.text) }],
          structuredContent: answer.structured as Record<string, unknown>,
        };
      } catch (error) {
        await progress.flush();
        return toolErrorResult(error, { logger, aborted: extra.signal.aborted });
      }
    },
  );
}
