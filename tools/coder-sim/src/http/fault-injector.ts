// Holds the injected fault rules and picks the one that applies to a request, counting down rules with `times`; writes the endless body.
import type { ServerResponse } from 'node:http';
import type { FaultRule } from '../simulator-types.js';

interface ActiveRule {
  rule: FaultRule;
  pathPattern: RegExp;
  remaining: number;
}

export class FaultRuleError extends Error {}

function compile(rule: FaultRule, position: number): ActiveRule {
  if (typeof rule !== 'object' || rule === null || typeof rule.path !== 'string') {
    throw new FaultRuleError(`Fault rule ${position} needs a "path" (a RegExp source).`);
  }
  let pathPattern: RegExp;
  try {
    pathPattern = new RegExp(rule.path);
  } catch (error) {
    throw new FaultRuleError(
      `Fault rule ${position} has an invalid path pattern: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new FaultRuleError(`Fault rule ${position} has an invalid status ${String(rule.status)}.`);
  }
  const remaining = rule.times === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(rule.times));
  return { rule, pathPattern, remaining };
}

/** One piece of the endless body: workspace-shaped objects, so that a client sees JSON that is still opening, not garbage. */
const ENDLESS_BODY_PIECE = Buffer.from('{"id":"00000000-0000-0000-0000-000000000000","name":"endless","latest_build":{"status":"running"}},'.repeat(700), 'utf8');

/**
 * Answers 200 with a JSON body that never ends, until the client hangs up: why a fault of its own, not a large world,
 * is that no real answer is unbounded, yet a proxy or a broken Coder can stream one (an endless body grew an unbounded
 * client to 11.8 GB in 38 s). Writes only as fast as the client reads (backpressure), so the simulator stays small.
 */
export async function writeEndlessBody(response: ServerResponse, headers: Record<string, string>, countBytes: (bytes: number) => void): Promise<void> {
  response.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
  response.write('{"workspaces":[');
  while (!response.destroyed && !response.writableEnded) {
    countBytes(ENDLESS_BODY_PIECE.length);
    if (!response.write(ENDLESS_BODY_PIECE)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  /** Replaces the rule list; throws FaultRuleError for a rule it cannot use. */
  setRules(rules: readonly FaultRule[]): void {
    if (!Array.isArray(rules)) {
      throw new FaultRuleError('Faults must be a JSON array of fault rules.');
    }
    this.rules = rules.map((rule, position) => compile(rule, position));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching the request, consuming one of its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    for (const active of this.rules) {
      if (active.remaining <= 0) {
        continue;
      }
      if (active.rule.method && active.rule.method.toUpperCase() !== method.toUpperCase()) {
        continue;
      }
      if (!active.pathPattern.test(path)) {
        continue;
      }
      active.remaining -= 1;
      return active.rule;
    }
    return undefined;
  }
}
