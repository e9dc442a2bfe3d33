// The package's own version, read from its package.json so that --version and the handshake never disagree with npm.
import { readFileSync } from 'node:fs';

export function readPackageVersion(): string {
  // From src/ in tests and from dist/ once built, package.json is one level up.
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}
