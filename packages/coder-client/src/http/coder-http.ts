// Sends one request to Coder through ky: auth header, timeout, safe retries, body check, typed errors.
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { CoderApiError } from '../errors/coder-api-error.js';
import { CoderError } from '../errors/coder-error.js';
import { CoderNetworkError } from '../errors/coder-network-error.js';
import { CoderTimeoutError } from '../errors/coder-timeout-error.js';
import { redactToken } from '../redact-token.js';
import { describeErrorBody } from './describe-error-body.js';
import { parseResponseBody } from './parse-response-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CoderHttpSettings {
  /** The deployment's URL, e.g. `https://coder.example.com` (a path prefix is kept). */
  url: string;
  token: string;
  timeoutMs: number;
  retryLimit: number;
  maxRetryDelayMs: number;
  fetch?: typeof fetch | undefined;
  userAgent?: string | undefined;
}

export interface HttpCall {
  method: HttpMethod;
  /** Path from the deployment's root, already encoded, starting with `/`. */
  path: string;
  searchParams?: Record<string, string | number> | undefined;
  json?: unknown;
  signal?: AbortSignal | undefined;
}

/** Statuses after which a safe request is sent again. */
const retriedStatuses = [408, 429, 500, 502, 503, 504];
/** Statuses whose `Retry-After` header sets the wait before the retry. */
const statusesWithRetryAfter = [429, 503];

export class CoderHttp {
  readonly #settings: CoderHttpSettings;
  readonly #ky: KyInstance;

  constructor(settings: CoderHttpSettings) {
    this.#settings = settings;
    const token = settings.token;
    const prefixUrl = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
    this.#ky = ky.create({
      prefixUrl,
      timeout: settings.timeoutMs,
      throwHttpErrors: true,
      headers: {
        accept: 'application/json',
        ...(settings.userAgent ? { 'user-agent': settings.userAgent } : {}),
      },
      fetch: (input, init) => {
        // Looked up at request time, not now, so that a fetch patched later (Polly) is used. The
        // request's current headers are passed along because fetch replacements such as Polly read
        // the headers a Request was constructed with, not those the beforeRequest hook set.
        const fetchNow = settings.fetch ?? globalThis.fetch;
        const headers = typeof input === 'object' && 'headers' in input ? input.headers : undefined;
        return fetchNow(input, headers ? { ...init, headers } : init);
      },
      retry: {
        limit: settings.retryLimit,
        methods: ['get', 'head'],
        statusCodes: retriedStatuses,
        afterStatusCodes: statusesWithRetryAfter,
        maxRetryAfter: settings.maxRetryDelayMs,
        backoffLimit: settings.maxRetryDelayMs,
        retryOnTimeout: false,
        shouldRetry: ({ error }) => (isAbortError(error) ? false : undefined),
      },
      hooks: {
        beforeRequest: [
          (request) => {
            request.headers.set('Coder-Session-Token', token);
          },
        ],
      },
    });
  }

  /** Sends the call and returns its body checked against `schema`; throws only CoderError or the caller's abort reason. */
  async send<Schema extends z.ZodType>(call: HttpCall, schema: Schema): Promise<z.output<Schema>> {
    return this.#exchange(call, async (response, readText, context) => {
      const text = await readText();
      return parseResponseBody(text, schema, { ...context, status: response.status });
    });
  }

  /** Sends a call whose successful answer carries nothing the caller needs (204, 202). */
  async sendWithoutResult(call: HttpCall): Promise<void> {
    await this.#exchange(call, async (response) => {
      void response.body?.cancel().catch(() => undefined);
    });
  }

  async #exchange<Result>(
    call: HttpCall,
    readResult: (response: Response, readText: () => Promise<string>, context: { method: string; path: string }) => Promise<Result>,
  ): Promise<Result> {
    const path = redactToken(call.path, this.#settings.token);
    const context = { method: call.method, path };
    // Aborted when reading the body takes longer than the timeout; ky's own timeout ends with the head.
    const bodyDeadline = new AbortController();
    const signal = call.signal ? AbortSignal.any([call.signal, bodyDeadline.signal]) : bodyDeadline.signal;

    try {
      const response = await this.#ky(call.path.replace(/^\/+/, ''), {
        method: call.method,
        searchParams: call.searchParams,
        json: call.json,
        signal,
      });
      return await readResult(response, () => this.#readText(response, bodyDeadline, context), context);
    } catch (error) {
      throw await this.#toCoderError(error, context, call.signal, bodyDeadline);
    }
  }

  async #readText(
    response: Response,
    bodyDeadline: AbortController,
    context: { method: string; path: string },
  ): Promise<string> {
    const timer = setTimeout(() => bodyDeadline.abort(), this.#settings.timeoutMs);
    timer.unref?.();
    try {
      return await response.text();
    } catch (error) {
      if (bodyDeadline.signal.aborted) {
        throw new CoderTimeoutError({ ...context, timeoutMs: this.#settings.timeoutMs });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async #toCoderError(
    error: unknown,
    context: { method: string; path: string },
    callerSignal: AbortSignal | undefined,
    bodyDeadline: AbortController,
  ): Promise<unknown> {
    if (error instanceof CoderError) {
      return error;
    }
    if (callerSignal?.aborted) {
      return callerSignal.reason;
    }
    const token = this.#settings.token;
    if (error instanceof HTTPError) {
      const response = error.response;
      let text = '';
      try {
        text = await this.#readText(response, bodyDeadline, context);
      } catch {
        // The status alone still tells what happened.
      }
      const description = describeErrorBody(text, response.statusText, token);
      const requestId = response.headers.get('x-coder-request-id') ?? response.headers.get('x-request-id') ?? undefined;
      return new CoderApiError({ ...context, status: response.status, ...description, requestId });
    }
    if (error instanceof TimeoutError || bodyDeadline.signal.aborted) {
      return new CoderTimeoutError({ ...context, timeoutMs: this.#settings.timeoutMs });
    }
    return new CoderNetworkError({ ...context, ...describeNetworkFailure(error, token) });
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** The message and system code of a failed fetch (Node puts the code on `cause`), token removed. */
function describeNetworkFailure(error: unknown, token: string): { reason: string; code?: string | undefined } {
  if (!(error instanceof Error)) {
    return { reason: redactToken(String(error), token) };
  }
  const cause: unknown = error.cause;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  const causeCode =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const reason = causeMessage && causeMessage !== error.message ? `${error.message}: ${causeMessage}` : error.message;
  return { reason: redactToken(reason, token), code: causeCode };
}
