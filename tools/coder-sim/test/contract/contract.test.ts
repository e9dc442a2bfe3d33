// The simulator against Coder's and AgentAPI's own descriptions: every response of a full scenario, per generation.
import * as simulatorModule from '../../src/index.js';
import { startSimulator } from '../../src/index.js';
import type { RunningSimulator } from '../../src/index.js';
import { coderGenerations } from './coder-generations.js';
import { ContractScenario } from './contract-scenario.js';
import { findContractBreaches } from './contract-findings.js';
import type { ContractFindings } from './contract-findings.js';
import { ResponseRecorder } from './response-recorder.js';
import { ResponseValidator } from './response-validator.js';
import { RouteMatcher, UNMATCHED_ROUTE_KEY } from './route-matcher.js';


/** The route keys the simulator says it serves for a version: `routesFor(version)` where exported, else `ROUTES`. */
function servedRoutes(coderVersion: string): string[] {
  const exported: Record<string, unknown> = { ...simulatorModule };
  const routesFor = exported['routesFor'];
  if (typeof routesFor === 'function') return (routesFor as (version: string) => string[])(coderVersion);
  const routes = exported['ROUTES'];
  if (Array.isArray(routes)) return routes.filter((route): route is string => typeof route === 'string');
  throw new Error('the simulator exports neither routesFor nor ROUTES');
}

describe.each(coderGenerations)('the simulator playing Coder $coderVersion', ({ coderVersion, tasksBasePath, differences }) => {
  let simulator: RunningSimulator;
  let findings: ContractFindings;
  let routes: string[];
  let countedRoutes: string[];
  let recordedRoutes: string[];

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion, speed: 0.01, seed: 7, world: { agents: 2, longHistoryAgents: 0 } });
    routes = servedRoutes(coderVersion);
    const recorder = new ResponseRecorder(new RouteMatcher(routes));
    const scenario = new ContractScenario(
      {
        url: simulator.url,
        token: simulator.token,
        tasksBasePath,
        setFaults: (faults) => simulator.control.setFaults(faults),
        clearFaults: () => simulator.control.clearFaults(),
      },
      recorder.fetch,
      `contract-${coderVersion.replace(/\D/g, '')}`,
    );
    await scenario.run();
    await recorder.settled();
    findings = findContractBreaches(recorder.records, new ResponseValidator(differences), routes);
    countedRoutes = Object.keys(simulator.control.stats().byRoute).sort();
    recordedRoutes = [...new Set(recorder.records.map((record) => record.routeKey))].sort();
  }, 120_000);

  afterAll(async () => {
    await simulator?.close();
  });

  it('sends only bodies that match the schema of their operation and status', () => {
    expect(findings.violations).toEqual([]);
  });

  it('sends every property a real Coder sends on the core objects', () => {
    expect(findings.missingProperties).toEqual([]);
  });

  it('serves only routes that Coder or AgentAPI describe', () => {
    expect(findings.undescribedRoutes).toEqual([]);
  });

  it('answered every route it serves at least once with a validated success', () => {
    expect(findings.routesWithoutValidatedSuccess).toEqual([]);
  });

  it('counts requests under the same route keys the contract test derives', () => {
    expect(countedRoutes).toEqual(recordedRoutes);
  });

  it(`has ${tasksBasePath === null ? 'no Tasks API' : `its Tasks API under ${tasksBasePath}`}`, () => {
    const taskRoutes = routes.filter((route) => route.includes('/tasks'));
    if (tasksBasePath === null) expect(taskRoutes).toEqual([]);
    else expect(taskRoutes.every((route) => route.includes(`${tasksBasePath}`))).toBe(true);
    expect(findings.seen).toContain(tasksBasePath === null ? `${UNMATCHED_ROUTE_KEY} 404` : `POST ${tasksBasePath}/{user} 201`);
  });
});
