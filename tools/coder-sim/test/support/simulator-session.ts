// Test helper: a running simulator plus small HTTP helpers and a bounded poll for state changes.
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/index.js';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** the parsed body, or undefined when it is not JSON */
  json: unknown;
}

export interface SimulatorSession {
  simulator: RunningSimulator;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  /** GET with the session token; fails the test unless the status is 200 */
  getJson<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export async function openSession(options: SimulatorOptions = {}): Promise<SimulatorSession> {
  const simulator = await startSimulator({ speed: 0.01, ...options });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { 'Coder-Session-Token': simulator.token },
  ): Promise<CallResult> => {
    const response = await fetch(`${simulator.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    simulator,
    call,
    async getJson<T>(path: string): Promise<T> {
      const result = await call('GET', path);
      if (result.status !== 200) {
        throw new Error(`GET ${path} answered ${result.status}: ${result.text.slice(0, 300)}`);
      }
      return result.json as T;
    },
    close: () => simulator.close(),
  };
}

/** Polls until the probe returns a value that is not undefined, or fails after the bound. */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${description}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
