// Turns the recorded responses of one run into contract findings: breaches, missing properties and route coverage.
import { findAgentApiOperation, isAgentApiRouteKey } from './agentapi-description.js';
import { findCoderOperation } from './coder-description.js';
import type { RecordedResponse } from './response-recorder.js';
import type { ResponseValidator } from './response-validator.js';
import { UNMATCHED_ROUTE_KEY } from './route-matcher.js';

export interface ContractFindings {
  /** `routeKey status [schema]: problem (xN, e.g. GET /api/v2/...)`, one line per distinct problem. */
  violations: string[];
  missingProperties: string[];
  /** Route keys the simulator serves that no description operation matches. */
  undescribedRoutes: string[];
  /** Route keys never answered with a 2xx that passed the check. */
  routesWithoutValidatedSuccess: string[];
  /** `routeKey status` pairs seen, for the report. */
  seen: string[];
}

function tally(lines: Map<string, { count: number; example: string }>, key: string, example: string): void {
  const entry = lines.get(key);
  if (entry === undefined) lines.set(key, { count: 1, example });
  else entry.count += 1;
}

function render(lines: Map<string, { count: number; example: string }>): string[] {
  return [...lines.entries()].map(([key, { count, example }]) => `${key} (x${count}, e.g. ${example})`).sort();
}

export function findContractBreaches(records: readonly RecordedResponse[], validator: ResponseValidator, servedRoutes: readonly string[]): ContractFindings {
  const violations = new Map<string, { count: number; example: string }>();
  const missing = new Map<string, { count: number; example: string }>();
  const validatedSuccess = new Set<string>();
  const seen = new Set<string>();
  for (const record of records) {
    const verdict = validator.check(record);
    const where = `${record.routeKey} ${record.status}`;
    const example = `${record.method} ${record.pathname}`;
    seen.add(where);
    for (const violation of verdict.violations) tally(violations, `${where} [${verdict.schema}]: ${violation}`, example);
    for (const property of verdict.missingProperties) tally(missing, `${where} [${verdict.schema}]: ${property}`, example);
    if (record.status >= 200 && record.status < 300 && verdict.violations.length === 0) validatedSuccess.add(record.routeKey);
  }
  const described = (routeKey: string): boolean =>
    (isAgentApiRouteKey(routeKey) ? findAgentApiOperation(routeKey) : findCoderOperation(routeKey)) !== undefined;
  return {
    violations: render(violations),
    missingProperties: render(missing),
    undescribedRoutes: servedRoutes.filter((routeKey) => routeKey !== UNMATCHED_ROUTE_KEY && !described(routeKey)),
    routesWithoutValidatedSuccess: servedRoutes.filter((routeKey) => routeKey !== UNMATCHED_ROUTE_KEY && !validatedSuccess.has(routeKey)),
    seen: [...seen].sort(),
  };
}
