// Decides whether a request's Host and Origin name this server, so that a web page on another site cannot reach it through DNS rebinding.
import type { IncomingHttpHeaders } from 'node:http';

export interface AllowedHostsOptions {
  /** The port the server listens on: loopback names are allowed with that port only. */
  port: number;
  /** The address the server listens on; a specific one (not 0.0.0.0 or ::) is allowed like a loopback name. */
  listenHost: string;
  /** More names, each `name` (any port: a proxy in front may use its own) or `name:port`. */
  extraHosts?: readonly string[];
}

export type RequestOriginCheck = { ok: true } | { ok: false; reason: string };

interface HostPattern {
  hostname: string;
  /** Undefined: any port. */
  port: string | undefined;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '[::]', '[::0]']);

/** Checks Host always and Origin when a browser sent one; clients outside a browser send no Origin, which is fine. */
export function createRequestOriginCheck(options: AllowedHostsOptions): (headers: IncomingHttpHeaders) => RequestOriginCheck {
  const port = String(options.port);
  const patterns: HostPattern[] = LOOPBACK_NAMES.map((hostname) => ({ hostname, port }));
  const listenHost = parseHost(options.listenHost.includes(':') && !options.listenHost.startsWith('[') ? `[${options.listenHost}]` : options.listenHost);
  if (listenHost !== undefined && !WILDCARD_ADDRESSES.has(listenHost.hostname)) patterns.push({ hostname: listenHost.hostname, port });
  for (const entry of options.extraHosts ?? []) {
    const parsed = parseHost(entry);
    if (parsed === undefined) throw new Error(`not a host name: ${entry}`);
    patterns.push({ hostname: parsed.hostname, port: /:\d+$/.test(entry) ? parsed.port : undefined });
  }
  const allowed = (hostname: string, candidatePort: string) =>
    patterns.some((pattern) => pattern.hostname === hostname && (pattern.port === undefined || pattern.port === candidatePort));

  return (headers) => {
    const hostHeader = headers.host;
    const host = hostHeader === undefined ? undefined : parseHost(hostHeader);
    if (host === undefined || !allowed(host.hostname, host.port)) {
      return { ok: false, reason: 'Host is not a name this server answers to' };
    }
    const originHeader = headers.origin;
    if (originHeader === undefined) return { ok: true };
    const origin = parseOrigin(originHeader);
    if (origin === undefined || !allowed(origin.hostname, origin.port)) {
      return { ok: false, reason: 'Origin is not a site allowed to call this server' };
    }
    return { ok: true };
  };
}

/** Whether `value` is a host name or address, with an optional port, and nothing else: what --allowed-hosts accepts. */
export function isHostEntry(value: string): boolean {
  return parseHost(value) !== undefined;
}

/** `name[:port]` as a Host header carries it; the port defaults to 80. */
function parseHost(value: string): { hostname: string; port: string } | undefined {
  if (value === '' || /[/?#@\\\s]/.test(value)) return undefined;
  try {
    const url = new URL(`http://${value}`);
    return { hostname: url.hostname.toLowerCase(), port: url.port === '' ? '80' : url.port };
  } catch {
    return undefined;
  }
}

function parseOrigin(value: string): { hostname: string; port: string } | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { hostname: url.hostname.toLowerCase(), port: url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80' };
  } catch {
    return undefined;
  }
}
