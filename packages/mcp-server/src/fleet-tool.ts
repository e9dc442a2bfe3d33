// Registers one fleet tool with the SDK: strict input check, one call to the fleet, the result or the error as MCP expects it.
import { randomUUID } from 'node:crypto';
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';
import { FleetError, isFleetError, type FleetErrorCode } from '@fleet/fleet-models';
import { agentNamed, writeAuditLine } from './audit-log.js';
import { toolErrorResult } from './errors.js';
import { createProgressReporter, type ProgressUpdate } from './progress-reporter.js';
import type { ToolContext } from './tool-context.js';
import { declaredInputSchema, parseToolInput, type ToolInputSchema } from './tool-input.js';
import { inline, multiline } from './outputs/terminal-text.js';

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
  reportProgress(progress: ProgressUpdate): void;
}

export interface ToolAnswer<Structured> {
  structured: Structured;
  /** A short reading of the result, put before the whole structured result in the text content. */
  summary: string;
}

/** The error codes a tool can answer with, each with when; the description's "Errors:" sentence is made from it. */
export type ToolErrors = Partial<Record<FleetErrorCode, string>>;

export interface FleetToolDefinition<Input extends ToolInputSchema, Output extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: FleetToolAnnotations;
  errors: ToolErrors;
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
      description: describeWithErrors(tool.description, tool.errors),
      inputSchema: declaredInputSchema(tool.input),
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (args, extra) => {
      const started = performance.now();
      const progress = createProgressReporter(extra, logger);
      const requestId = randomUUID();
      const audit = (outcome: string) => {
        if (tool.annotations.readOnlyHint) return;
        writeAuditLine(context.logger, { user: context.caller?.username ?? null, tool: tool.name, agent: agentNamed(args), outcome, requestId });
      };
      try {
        const input = parseToolInput(tool.input, args);
        const answer = await tool.run(input, { signal: extra.signal, reportProgress: (step) => progress.report(step) });
        await progress.flush();
        logger.debug('tool call answered', { duration_ms: Math.round(performance.now() - started) });
        audit('ok');
        return {
          // Clients that give the model only the text (many do) still give it everything: a readable summary, then the
          // structured result as JSON, as the MCP spec recommends. No control character from Coder or an agent reaches a
          // terminal: JSON escapes C0 controls itself, and `inline` writes the rest (C1, bidi overrides) as JSON escapes too.
          content: [{ type: 'text', text: `${multiline(answer.summary)}\n\n${inline(JSON.stringify(answer.structured))}` }],
          structuredContent: answer.structured as Record<string, unknown>,
        };
      } catch (error) {
        await progress.flush();
        const failure = callerCredentialRefused(error, context) ?? error;
        const result = toolErrorResult(failure, { logger, aborted: extra.signal.aborted, requestId });
        audit(extra.signal.aborted ? 'cancelled' : isFleetError(failure) ? failure.code : 'INTERNAL');
        return result;
      }
    },
  );
}

/** The tool's description followed by its errors, e.g. `Errors: NOT_FOUND when …; UNAUTHORIZED when ….` */
export function describeWithErrors(description: string, errors: ToolErrors): string {
  const entries = Object.entries(errors).map(([code, when]) => `${code} ${when}`);
  return entries.length === 0 ? description : `${description} Errors: ${entries.join('; ')}.`;
}

/**
 * When each client brings its own credential, Coder refusing it means that credential expired or was revoked: the
 * caller must sign in again (not the operator fix CODER_SESSION_TOKEN), and its next request is checked anew.
 */
function callerCredentialRefused(error: unknown, context: ToolContext): FleetError | undefined {
  const refused = context.caller?.credentialRefused;
  if (refused === undefined || !isFleetError(error) || error.code !== 'UNAUTHORIZED') return undefined;
  refused();
  return new FleetError(
    'UNAUTHORIZED',
    'Coder refused your credential during this call: it expired, was revoked, or may not do this. Sign in again (or send a new token from "coder tokens create") and retry.',
    { cause: error },
  );
}
