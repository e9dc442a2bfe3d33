// Holds the injected fault rules and picks the one that applies to a request, counting down rules with `times`.
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
