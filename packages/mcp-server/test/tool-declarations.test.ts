// What clients are told about the tools: names, annotations, descriptions, input and output schemas.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { recordedFleet } from './recorded-fleet.js';

let connected: ConnectedClient;
let tools: Tool[];

beforeAll(async () => {
  connected = await connectClient(recordedFleet().fleet);
  tools = (await connected.client.listTools()).tools;
});

afterAll(async () => {
  await connected.close();
});

function tool(name: string): Tool {
  const found = tools.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no tool ${name}`);
  return found;
}

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };

const EXPECTED_ANNOTATIONS: Record<string, { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean }> = {
  list_agents: readOnly,
  show_agent: readOnly,
  create_agent: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  delete_agent: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  restart_agent: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  start_agent_task: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  cancel_agent_task: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  wait_for_agents: readOnly,
  show_agent_task_history: readOnly,
  show_agent_log: readOnly,
  list_agent_projects: readOnly,
  list_agent_roles: readOnly,
};

const EXPECTED_ARGUMENTS: Record<string, { required: string[]; optional: string[] }> = {
  list_agents: { required: [], optional: ['status', 'project', 'page', 'page_size', 'compact'] },
  show_agent: { required: ['agent_name'], optional: [] },
  create_agent: { required: ['name', 'project', 'task'], optional: ['role', 'wait'] },
  delete_agent: { required: ['agent_name'], optional: [] },
  restart_agent: { required: ['agent_name'], optional: ['wait'] },
  start_agent_task: { required: ['agent_name', 'task'], optional: [] },
  cancel_agent_task: { required: ['agent_name'], optional: [] },
  wait_for_agents: { required: [], optional: ['agent_names', 'all', 'timeout_seconds'] },
  show_agent_task_history: { required: ['agent_name'], optional: ['page', 'page_size'] },
  show_agent_log: { required: ['agent_name'], optional: ['page', 'page_size'] },
  list_agent_projects: { required: [], optional: [] },
  list_agent_roles: { required: ['project'], optional: [] },
};

test('the server offers exactly the twelve tools', () => {
  expect(tools.map((candidate) => candidate.name).sort()).toEqual(Object.keys(EXPECTED_ANNOTATIONS).sort());
});

describe.each(Object.keys(EXPECTED_ANNOTATIONS))('%s', (name) => {
  test('declares the annotations that are true of it', () => {
    expect(tool(name).annotations).toMatchObject(EXPECTED_ANNOTATIONS[name] ?? {});
  });

  test('has a title and a description that names its errors', () => {
    expect(tool(name).title).toEqual(expect.any(String));
    expect(tool(name).description?.length).toBeGreaterThan(150);
    expect(tool(name).description).toMatch(/Errors: /);
  });

  test('advertises a strict input schema with its snake_case arguments', () => {
    const schema = tool(name).inputSchema as { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: unknown };
    const expected = EXPECTED_ARGUMENTS[name] ?? { required: [], optional: [] };

    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...expected.required, ...expected.optional].sort());
    expect((schema.required ?? []).sort()).toEqual([...expected.required].sort());
    expect(schema.additionalProperties).toBe(false);
  });

  test('advertises an object output schema', () => {
    expect(tool(name).outputSchema?.type).toBe('object');
  });
});

test('the agent name argument carries Coder\'s rule as a pattern and a length bound', () => {
  const property = (tool('show_agent').inputSchema.properties as Record<string, Record<string, unknown>>)['agent_name'];

  expect(property).toMatchObject({ type: 'string', minLength: 1, maxLength: 32, pattern: expect.any(String) });
});

test('the page arguments advertise their defaults and bounds', () => {
  const properties = tool('show_agent_log').inputSchema.properties as Record<string, Record<string, unknown>>;

  expect(properties['page']).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
  expect(properties['page_size']).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 1 });
});
