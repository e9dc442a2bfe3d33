// Makes this process resolve `*.localhost` names to 127.0.0.1, so subdomain apps of the simulator (`*.apps.localhost:PORT`) can be reached.
import dns from 'node:dns';

/**
 * RFC 6761 reserves `.localhost` for loopback, and browsers and systemd-resolved resolve every
 * name under it there; Node's resolver on a plain glibc system (and this project's CI) does not.
 * The simulator's wildcard app host is under `.localhost`, like a real deployment's `*.coder.example.com`;
 * a process that reaches its subdomain apps installs this first (`node --import @fleet/coder-sim/localhost-subdomains`).
 */
export function resolveLocalhostSubdomains(): void {
  const lookup = dns.lookup;
  const loopbackLookup = function (this: unknown, hostname: string, ...rest: unknown[]): unknown {
    const resolved = hostname.toLowerCase().endsWith('.localhost') ? '127.0.0.1' : hostname;
    return Reflect.apply(lookup, this, [resolved, ...rest]);
  };
  dns.lookup = loopbackLookup as typeof dns.lookup;
}
