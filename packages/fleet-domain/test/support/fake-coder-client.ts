// A stand-in for CoderClient that answers what a test gives it and counts every call per method.
import type { FleetCoderClient } from '../../src/repositories/fleet-coder-client.js';

type Method = keyof FleetCoderClient;

/** For each method, a function answering its calls (with the same arguments) or throwing. */
export type FakeAnswers = {
  [M in Method]?: (...args: Parameters<FleetCoderClient[M]>) => Awaited<ReturnType<FleetCoderClient[M]>> | ReturnType<FleetCoderClient[M]>;
};

const METHODS: readonly Method[] = [
  'getBuildInfo',
  'getAuthenticatedUser',
  'getTemplates',
  'getTemplateVersionRichParameters',
  'getTemplateVersionPresets',
  'getWorkspaces',
  'getWorkspace',
  'getWorkspaceByOwnerAndName',
  'createWorkspace',
  'startWorkspace',
  'stopWorkspace',
  'deleteWorkspace',
  'getWorkspaceBuild',
  'getTasksApi',
  'getTasks',
  'getTask',
  'createTask',
  'deleteTask',
  'getTaskLogs',
  'getAgentApiMessages',
  'sendAgentApiMessage',
  'interruptAgentApi',
];

export interface FakeCoderClient {
  client: FleetCoderClient;
  /** The arguments of every call, per method. */
  calls: Map<Method, unknown[][]>;
  /** How many times `method` was called. */
  count(method: Method): number;
  /** Calls per method, leaving out `getTasksApi` (learned once per client and cached there). */
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
    requestCounts: () =>
      Object.fromEntries([...calls.entries()].filter(([method]) => method !== 'getTasksApi').map(([method, list]) => [method, list.length])),
  };
}
