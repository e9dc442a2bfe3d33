// A stand-in for CoderClient that answers what a test gives it and counts every call per method.
import type { FleetCoderClient } from '../../src/backends/fleet-coder-client.js';

export type Method = keyof FleetCoderClient;

/** For each method, a function answering its calls (with the same arguments) or throwing. */
export type FakeAnswers = {
  [M in Method]?: (...args: Parameters<FleetCoderClient[M]>) => Awaited<ReturnType<FleetCoderClient[M]>> | ReturnType<FleetCoderClient[M]>;
};

/** Every method of FleetCoderClient; the `satisfies` check fails to compile when one is added there and not here. */
const METHODS = [
  'getCoderVersion',
  'getAuthenticatedUser',
  'getTemplates',
  'getTemplateVersionRichParameters',
  'getTemplateVersionPresets',
  'getTemplateVersionResources',
  'getWorkspaces',
  'getWorkspace',
  'getWorkspaceByOwnerAndName',
  'createWorkspace',
  'startWorkspace',
  'stopWorkspace',
  'deleteWorkspace',
  'getWorkspaceBuild',
  'getWorkspaceBuildParameters',
  'getTasks',
  'getTask',
  'createTask',
  'deleteTask',
  'getTaskLogs',
  'getAgentApiMessages',
  'getAgentApiStatus',
  'sendAgentApiMessage',
  'interruptAgentApi',
] as const satisfies readonly Method[];

// Fails to compile when FleetCoderClient has a method METHODS lacks.
const everyMethodListed: Exclude<Method, (typeof METHODS)[number]> extends never ? true : never = true;
void everyMethodListed;

export interface FakeCoderClient {
  client: FleetCoderClient;
  /** The arguments of every call, per method. */
  calls: Map<Method, unknown[][]>;
  /** How many times `method` was called. */
  count(method: Method): number;
  /** The arguments of every call of `method`, in order. */
  argsOf(method: Method): unknown[][];
  /** Calls per method, for the methods called at all. */
  requestCounts(): Partial<Record<Method, number>>;
}

export function createFakeCoderClient(answers: FakeAnswers): FakeCoderClient {
  const calls = new Map<Method, unknown[][]>();
  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of METHODS) {
    client[method] = async (...args: unknown[]) => {
      calls.set(method, [...(calls.get(method) ?? []), args]);
      const answer = answers[method] as ((...answerArgs: unknown[]) => unknown) | undefined;
      if (!answer) {
        throw new Error(`The fake Coder client was not told how to answer ${method}`);
      }
      return answer(...args);
    };
  }
  return {
    client: client as unknown as FleetCoderClient,
    calls,
    count: (method) => calls.get(method)?.length ?? 0,
    argsOf: (method) => calls.get(method) ?? [],
    requestCounts: () => Object.fromEntries([...calls.entries()].map(([method, list]) => [method, list.length])),
  };
}

/** Answers in turn, the last one repeating: how a test plays a sequence Coder answered over time. */
export function inTurn<Value>(...values: Value[]): () => Promise<Value> {
  let next = 0;
  return async () => {
    const value = values[Math.min(next, values.length - 1)];
    next += 1;
    if (value === undefined) {
      throw new Error('inTurn needs at least one answer');
    }
    return value;
  };
}
