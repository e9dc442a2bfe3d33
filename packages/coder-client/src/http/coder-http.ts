// Sends one request to Coder through ky: auth header, deadline, safe retries, no redirects, bounded body, typed errors.
import type { KyInstance, Options as KyOptions } from 'ky';
import type { z } from 'zod';
import { maximumErrorBodyBytes, maximumResponseBytes } from '../coder-client-options.js';
import { CoderApiError, RETRYABLE_STATUSES } from '../errors/coder-api-error.js';
import { CoderError } from '../errors/coder-error.js';
import { CoderNetworkError } from '../errors/coder-network-error.js';
import { CoderResponseError } from '../errors/coder-response-error.js';
import { CoderTimeoutError } from '../errors/coder-timeout-error.js';
import { redactToken, redactUrl } from '../redaction.js';
import { appProxyProblemOf, isAppProxyPath } from './app-proxy-problem.js';
import { describeErrorBody, type ErrorBodyDescription } from './describe-error-body.js';
import { parseResponseBody } from './parse-response-body.js';
import { BodyDeadlineError, BodyTooLargeError, readBodyText } from './read-body.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CoderHttpSettings {
  /** The deployment's URL, e.g. `https://coder.example.com` (a path prefix is kept). */
  url: string;
  token: string;
  timeoutMs: number;
  retryLimit: number;
  maxRetryDelayMs: number;
  /** Largest successful response body read; default `maximumResponseBytes` (64 MiB). */
  maxResponseBytes?: number | undefined;
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
  /** This call's deadline for the answer, and again for its body, instead of the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /**
   * Send to this origin instead of the deployment's URL: a subdomain app's, e.g.
   * `https://ccw--main--ws--owner.apps.example.com` (built from `GET /api/v2/applications/host`).
   * The session token goes with it, so only ever pass the deployment's own app hosts.
   */
  origin?: string | undefined;
  /**
   * The call goes through Coder's workspace app proxy, so its redirects and HTML error pages are
   * read as the proxy's (`CoderApiError.appProxyProblem`). Default: the path starts with `/@`
   * (path-based apps) or `origin` is set (subdomain apps).
   */
  viaAppProxy?: boolean | undefined;
}

/** Methods that change nothing: retried after a retryable failure, never "may have been applied". */
const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD']);
/** Statuses whose `Retry-After` header sets the wait before the retry. */
const statusesWithRetryAfter = [429, 503];
/**
 * System codes of a failure to connect: the request never left, so even a write did not happen.
 * Anything else (a reset, a closed socket, a timeout) may come after the request was sent.
 */
const connectFailureCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  // The TLS handshake was refused (certificate checks): nothing was sent over it.
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/**
 * ky, imported at the first request instead of with this module: ky's module tests the fetch globals
 * (`Request`, `FormData`) as it loads, which makes Node load its fetch (undici), tens of milliseconds that a
 * process starting up (the MCP server, before it answers `initialize`) would pay before it needs them.
 */
let kyModule: Promise<typeof import('ky')> | undefined;
function loadKy(): Promise<typeof import('ky')> {
  return (kyModule ??= import('ky'));
}

interface CallContext {
  method: string;
  /** The call's path, token redacted. */
  path: string;
  timeoutMs: number;
  /** A write (not GET/HEAD): a failure after sending may leave its change applied. */
  isWrite: boolean;
  viaAppProxy: boolean;
  callerSignal: AbortSignal | undefined;
  /** Aborts the fetch itself when a body deadline passes. */
  fetchAbort: AbortController;
}

export class CoderHttp {
  readonly #settings: CoderHttpSettings;
  readonly #kyOptions: KyOptions;
  #ky: Promise<KyInstance> | undefined;

  constructor(settings: CoderHttpSettings) {
    this.#settings = settings;
    const token = settings.token;
    const prefixUrl = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
    this.#kyOptions = {
      prefixUrl,
      timeout: settings.timeoutMs,
      throwHttpErrors: true,
      // A redirect is an answer, never a hop: fetch would carry the Coder-Session-Token header to
      // wherever it points (it strips only Authorization across origins).
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        ...(settings.userAgent ? { 'user-agent': settings.userAgent } : {}),
      },
      fetch: (input, init) => {
        // Looked up at request time, not now, so that a fetch patched later (Polly) is used. The
        // request's current headers are passed along because fetch replacements such as Polly read
        // the headers a Request was constructed with, not those the beforeRequest hook set.
        // `redirect: 'manual'` is repeated for replacements that read only the init.
        const fetchNow = settings.fetch ?? globalThis.fetch;
        const headers = typeof input === 'object' && 'headers' in input ? input.headers : undefined;
        return fetchNow(input, { ...init, ...(headers ? { headers } : {}), redirect: 'manual' });
      },
      retry: {
        limit: settings.retryLimit,
        methods: ['get', 'head'],
        statusCodes: [...RETRYABLE_STATUSES],
        afterStatusCodes: statusesWithRetryAfter,
        maxRetryAfter: settings.maxRetryDelayMs,
        backoffLimit: settings.maxRetryDelayMs,
        retryOnTimeout: false,
        // ky wraps what is not an Error of its realm in a NonError holding the thrown `value`: a fetch
        // from another realm (a test VM) throws such DOMExceptions.
        shouldRetry: ({ error }) => (isAbortError('value' in error ? error.value : error) ? false : undefined),
      },
      hooks: {
        beforeRequest: [
          (request) => {
            // An empty token is a client without credential, for Coder's public routes (buildinfo, OAuth2 metadata).
            if (token !== '') request.headers.set('Coder-Session-Token', token);
          },
        ],
      },
    };
  }

  #kyInstance(): Promise<KyInstance> {
    return (this.#ky ??= loadKy().then(({ default: ky }) => ky.create(this.#kyOptions)));
  }

  /** Sends the call and returns its body checked against `schema`; throws only CoderError or the caller's abort reason. */
  async send<Schema extends z.ZodType>(call: HttpCall, schema: Schema): Promise<z.output<Schema>> {
    return this.#exchange(call, async (response, context) => {
      const text = await this.#readSuccessBody(response, context);
      return parseResponseBody(text, schema, { method: context.method, path: context.path, status: response.status });
    });
  }

  /** Sends a call whose successful answer carries nothing the caller needs (204, 202). */
  async sendWithoutResult(call: HttpCall): Promise<void> {
    await this.#exchange(call, async (response) => {
      void response.body?.cancel().catch(() => undefined);
    });
  }

  async #exchange<Result>(call: HttpCall, readResult: (response: Response, context: CallContext) => Promise<Result>): Promise<Result> {
    const context: CallContext = {
      method: call.method,
      path: redactToken(call.path, this.#settings.token),
      timeoutMs: call.timeoutMs ?? this.#settings.timeoutMs,
      isWrite: !safeMethods.has(call.method),
      viaAppProxy: call.viaAppProxy ?? (isAppProxyPath(call.path) || call.origin !== undefined),
      callerSignal: call.signal,
      fetchAbort: new AbortController(),
    };
    const prefixUrl = call.origin === undefined ? undefined : originPrefix(call.origin);
    const signal = call.signal ? AbortSignal.any([call.signal, context.fetchAbort.signal]) : context.fetchAbort.signal;

    const ky = await this.#kyInstance();
    let response: Response;
    try {
      response = await ky(call.path.replace(/^\/+/, ''), {
        method: call.method,
        searchParams: call.searchParams,
        json: call.json,
        signal,
        timeout: context.timeoutMs,
        ...(prefixUrl === undefined ? {} : { prefixUrl }),
      });
    } catch (error) {
      throw await this.#headFailure(error, context);
    }
    try {
      return await readResult(response, context);
    } catch (error) {
      throw this.#bodyFailure(error, context, response.status);
    }
  }

  /** Reads a successful answer's body within the call's deadline and `maxResponseBytes`. */
  #readSuccessBody(response: Response, context: CallContext): Promise<string> {
    return readBodyText(response, {
      limitBytes: this.#settings.maxResponseBytes ?? maximumResponseBytes,
      overLimit: 'fail',
      timeoutMs: context.timeoutMs,
      signal: context.callerSignal,
      onDeadline: () => context.fetchAbort.abort(),
    });
  }

  /** Turns what went wrong while reading a successful answer's body into a CoderError. */
  #bodyFailure(error: unknown, context: CallContext, status: number): unknown {
    if (error instanceof CoderError) {
      return error;
    }
    if (context.callerSignal?.aborted) {
      return context.callerSignal.reason;
    }
    const { method, path } = context;
    if (error instanceof BodyTooLargeError) {
      return new CoderResponseError({
        method,
        path,
        status,
        issues: [{ field: '(body)', problem: `larger than ${error.limitBytes} bytes (maxResponseBytes); reading stopped there` }],
      });
    }
    // The answer's head arrived, so a write was received: its change may have been applied.
    if (error instanceof BodyDeadlineError || context.fetchAbort.signal.aborted) {
      return new CoderTimeoutError({ method, path, timeoutMs: context.timeoutMs, mayHaveBeenApplied: context.isWrite });
    }
    return new CoderNetworkError({
      method,
      path,
      ...describeNetworkFailure(error, this.#settings.token),
      mayHaveBeenApplied: context.isWrite,
    });
  }

  /** Turns what went wrong before a successful answer into a CoderError (or the caller's abort reason). */
  async #headFailure(error: unknown, context: CallContext): Promise<unknown> {
    if (error instanceof CoderError) {
      return error;
    }
    if (context.callerSignal?.aborted) {
      return context.callerSignal.reason;
    }
    const { method, path } = context;
    const { HTTPError, TimeoutError } = await loadKy();
    if (error instanceof HTTPError) {
      return this.#apiError(error.response, context);
    }
    if (error instanceof TimeoutError || context.fetchAbort.signal.aborted) {
      return new CoderTimeoutError({ method, path, timeoutMs: context.timeoutMs, mayHaveBeenApplied: context.isWrite });
    }
    const failure = describeNetworkFailure(error, this.#settings.token);
    const neverSent = failure.code !== undefined && connectFailureCodes.has(failure.code);
    return new CoderNetworkError({ method, path, ...failure, mayHaveBeenApplied: context.isWrite && !neverSent });
  }

  /** A CoderApiError for an HTTP error status or a redirect (which is never followed). */
  async #apiError(response: Response, context: CallContext): Promise<unknown> {
    const token = this.#settings.token;
    const requestId = response.headers.get('x-coder-request-id') ?? response.headers.get('x-request-id') ?? undefined;
    const base = { method: context.method, path: context.path, status: response.status, requestId };

    if (response.status >= 300 && response.status < 400) {
      void response.body?.cancel().catch(() => undefined);
      const rawLocation = response.headers.get('location') ?? undefined;
      const location = rawLocation === undefined ? undefined : redactUrl(rawLocation, token);
      const appProxyProblem = context.viaAppProxy
        ? appProxyProblemOf({ status: response.status, location: rawLocation, requestUrl: response.url })
        : undefined;
      const message =
        appProxyProblem === 'token_refused'
          ? 'the app proxy did not accept the session token (it redirected to sign-in); not followed'
          : 'redirect not followed (a request carrying the session token never follows one)';
      return new CoderApiError({
        ...base,
        message,
        detail: location === undefined ? 'no Location header' : `Location: ${location}`,
        location,
        appProxyProblem,
      });
    }

    let text = '';
    try {
      text = await readBodyText(response, {
        limitBytes: maximumErrorBodyBytes,
        overLimit: 'truncate',
        timeoutMs: context.timeoutMs,
        signal: context.callerSignal,
        onDeadline: () => context.fetchAbort.abort(),
      });
    } catch {
      // The status alone still tells what happened.
      if (context.callerSignal?.aborted) {
        return context.callerSignal.reason;
      }
    }
    const description: ErrorBodyDescription = describeErrorBody(text, response.statusText, token, response.headers.get('content-type'));
    const appProxyProblem = context.viaAppProxy
      ? appProxyProblemOf({ status: response.status, requestUrl: response.url, description })
      : undefined;
    return new CoderApiError({
      ...base,
      message: description.message,
      detail: description.detail,
      validations: description.validations,
      appProxyProblem,
    });
  }
}

/** `origin` as a ky prefix: an http(s) origin with nothing after it, and a trailing slash. */
function originPrefix(origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new TypeError('HttpCall.origin must be an absolute http(s) origin');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password) {
    throw new TypeError('HttpCall.origin must be an http(s) origin without credentials');
  }
  return `${parsed.origin}/`;
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}

/**
 * The message and system code of a failed fetch (Node puts the code on `cause`), token removed.
 * Read by shape, not `instanceof`: fetch's errors may come from another realm (a test VM).
 */
function describeNetworkFailure(error: unknown, token: string): { reason: string; code?: string | undefined } {
  const message = messageOf(error) ?? String(error);
  const cause: unknown = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  const causeMessage = messageOf(cause);
  const code = codeOf(cause) ?? codeOf(error);
  const reason = causeMessage && causeMessage !== message ? `${message}: ${causeMessage}` : message;
  return { reason: redactToken(reason, token), code };
}

function messageOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string' ? value.message : undefined;
}

function codeOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' ? value.code : undefined;
}
