// A stand-in for CoderClient that answers what a test gives it and counts every call per method.
import { CoderClient } from '@fleet/coder-client';

/** CoderClient's methods, each as the real one is typed: what the fake offers, and what a fleet may call. */
export type CoderClientMethods = { [M in keyof CoderClient]: CoderClient[M] };

export type Method = keyof CoderClientMethods;

/** For each method, a function answering its calls (with the same arguments) or throwing. */
export type FakeAnswers = {
  [M in Method]?: (...args: Parameters<CoderClient[M]>) => Awaited<ReturnType<CoderClient[M]>> | ReturnType<CoderClient[M]>;
};

/** Every method of the real client, read off its prototype: the fake cannot lack one the client has. */
export const METHODS: readonly Method[] = Object.getOwnPropertyNames(CoderClient.prototype).filter(
  (name): name is Method => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(CoderClient.prototype, name)?.value === 'function',
);

export interface FakeCoderClient {
  client: CoderClientMethods;
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
    client: client as unknown as CoderClientMethods,
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

/** Every method rejecting with `error`: how a Coder that refuses the token, or cannot be reached, answers everything. */
export function everyRequestFailing(error: unknown): FakeAnswers {
  return Object.fromEntries(METHODS.map((method) => [method, async () => Promise.reject(error)])) as FakeAnswers;
}
