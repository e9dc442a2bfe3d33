// The /__sim control endpoint: statistics, fault rules and latency for tests and benchmarks; no token needed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule, SimulatorControl } from '../simulator-types.js';
import { FaultRuleError } from './fault-injector.js';
import { readRequestText } from './simulator-request.js';

export const CONTROL_PATH_PREFIX = '/__sim';

function send(response: ServerResponse, headers: Readonly<Record<string, string>>, status: number, value?: unknown): void {
  if (value === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
  });
  response.end(payload);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readRequestText(request);
  return JSON.parse(text === '' ? 'null' : text) as unknown;
}

export async function handleControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  control: SimulatorControl,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const method = request.method ?? 'GET';
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case 'GET /__sim/stats':
        send(response, headers, 200, control.stats());
        return;
      case 'GET /__sim/requests':
        send(response, headers, 200, control.requests());
        return;
      case 'POST /__sim/stats/reset':
        control.resetStats();
        send(response, headers, 204);
        return;
      case 'PUT /__sim/faults': {
        const rules = await readJson(request);
        if (!Array.isArray(rules)) {
          send(response, headers, 400, { message: 'Faults must be a JSON array of fault rules.' });
          return;
        }
        control.setFaults(rules as FaultRule[]);
        send(response, headers, 204);
        return;
      }
      case 'DELETE /__sim/faults':
        control.clearFaults();
        send(response, headers, 204);
        return;
      case 'PUT /__sim/latency': {
        const body = (await readJson(request)) as { ms?: unknown } | null;
        const milliseconds = body?.ms;
        if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) {
          send(response, headers, 400, { message: 'Latency must be {"ms": <number of milliseconds >= 0>}.' });
          return;
        }
        control.setLatency(milliseconds);
        send(response, headers, 204);
        return;
      }
      default: {
        const agentApiRoute = /^GET \/__sim\/workspaces\/([^/]+)\/agentapi$/.exec(route);
        if (agentApiRoute) {
          const state = control.agentApi(decodeURIComponent(agentApiRoute[1] ?? ''));
          if (state) {
            send(response, headers, 200, state);
          } else {
            send(response, headers, 404, { message: 'No workspace of the main user with AgentAPI by that name.' });
          }
          return;
        }
        send(response, headers, 404, {
          message: `Unknown simulator control route "${route}".`,
          detail:
            'Known: GET /__sim/stats, GET /__sim/requests, POST /__sim/stats/reset, PUT /__sim/faults, DELETE /__sim/faults, PUT /__sim/latency, GET /__sim/workspaces/{name}/agentapi.',
        });
      }
    }
  } catch (error) {
    const message = error instanceof FaultRuleError || error instanceof SyntaxError ? error.message : String(error);
    send(response, headers, 400, { message });
  }
}
