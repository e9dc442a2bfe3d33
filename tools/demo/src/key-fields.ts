// Picks the few fields of each tool's structured result that are worth a line in the transcript.
const KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  list_agents: ['total', 'counts.online'],
  show_agent: ['agent.status', 'agent.last_task.state', 'agent.health.healthy'],
  create_agent: ['online', 'agent.status', 'agent.role', 'agent.build.number', 'agent.build.status'],
  restart_agent: ['online', 'agent.status', 'agent.build.number', 'agent.build.status'],
  delete_agent: ['agent.status'],
  start_agent_task: ['agent.status', 'agent.last_task.state'],
  cancel_agent_task: ['agent.status'],
  wait_for_agents: ['condition_met', 'agents[].name', 'agents[].status', 'poll_interval_seconds'],
  show_agent_task_history: ['total', 'page', 'page_size', 'has_next', 'tasks[].state'],
  show_agent_log: ['total', 'page', 'page_size', 'has_next', 'entries[].type'],
  list_agent_projects: ['projects[].display_name'],
  list_agent_roles: ['roles[].name'],
};

/** e.g. `online=true agent.status=idle agent.build.number=1`; empty when the tool has no key fields or the result none. */
export function keyFieldsOf(tool: string, structured: Record<string, unknown> | undefined): string {
  if (structured === undefined) return '';
  return (KEY_FIELDS[tool] ?? [])
    .map((path) => ({ path, value: readPath(structured, path.split('.')) }))
    .filter(({ value }) => value !== undefined)
    .map(({ path, value }) => `${path}=${format(value)}`)
    .join('  ');
}

/** Follows `a.b` through objects; a segment ending in `[]` maps the rest of the path over an array. */
export function readPath(value: unknown, segments: readonly string[]): unknown {
  const [segment, ...rest] = segments;
  if (segment === undefined) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const isArrayStep = segment.endsWith('[]');
  const child = (value as Record<string, unknown>)[isArrayStep ? segment.slice(0, -2) : segment];
  if (!isArrayStep) return readPath(child, rest);
  return Array.isArray(child) ? child.map((item: unknown) => readPath(item, rest)) : undefined;
}

function format(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(format).join(', ')}]`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
