// The core objects Fleet reads must carry every property their definition lists, as a real Coder sends them.
//
// Coder marks few properties `required`, but its Go structs serialise every field that is not `omitempty`,
// so a faithful simulator sends them all. The exemptions are the fields codersdk tags `omitempty`
// (a real Coder leaves them out when empty).
import { isJsonObject } from './json-document.js';
import type { JsonObject } from './json-document.js';

export const completeDefinitions: Readonly<Record<string, readonly string[]>> = {
  'codersdk.Workspace': [
    'autostart_schedule', // *string `json:"autostart_schedule,omitempty"`
    'ttl_ms', // *int64 `json:"ttl_ms,omitempty"`
  ],
  'codersdk.WorkspaceBuild': [
    'has_ai_task', // *bool `json:"has_ai_task,omitempty"`
    'has_external_agent', // *bool `json:"has_external_agent,omitempty"`
    'matched_provisioners', // *MatchedProvisioners `json:"matched_provisioners,omitempty"`
  ],
  'codersdk.WorkspaceAgent': [
    'directory', // `json:"directory,omitempty"`
    'expanded_directory', // `json:"expanded_directory,omitempty"`
    'instance_id', // `json:"instance_id,omitempty"`
    'first_connected_at', // *time.Time `json:"first_connected_at,omitempty"`
    'last_connected_at', // *time.Time `json:"last_connected_at,omitempty"`
    'disconnected_at', // *time.Time `json:"disconnected_at,omitempty"`
    'started_at', // *time.Time `json:"started_at,omitempty"`
    'ready_at', // *time.Time `json:"ready_at,omitempty"`
    'latency', // map `json:"latency,omitempty"`
  ],
  'codersdk.WorkspaceApp': [
    'url', // `json:"url,omitempty"`
    'command', // `json:"command,omitempty"`
    'subdomain_name', // `json:"subdomain_name,omitempty"`
    'group', // `json:"group,omitempty"`
    'tooltip', // `json:"tooltip,omitempty"`
  ],
  'codersdk.WorkspaceAppStatus': [],
  'codersdk.Template': [],
  'codersdk.TemplateVersion': [
    'matched_provisioners', // *MatchedProvisioners `json:"matched_provisioners,omitempty"`
    'warnings', // `json:"warnings,omitempty"`
  ],
  'codersdk.Task': [
    'owner_avatar_url', // `json:"owner_avatar_url,omitempty"` (codersdk/aitasks.go)
    'workspace_status', // `json:"workspace_status,omitempty"`
    'workspace_build_number', // `json:"workspace_build_number,omitempty"`
  ],
  // Coder's error body: `detail` and `validations` are omitempty, `message` is always sent.
  'codersdk.Response': ['detail', 'validations'],
};

/** The keyword (see response-validator.ts) that carries a definition's name and the properties it must have. */
export const completePropertiesKeyword = 'completeProperties';

export interface CompletePropertiesRule {
  definition: string;
  properties: string[];
}

/**
 * Marks the core definitions with the properties they must carry, on a copy of `definitions`.
 * `absentProperties` names properties the Coder release being played did not have yet (or any more).
 */
export function requireCompleteObjects(definitions: JsonObject, absentProperties: Readonly<Record<string, readonly string[]>> = {}): JsonObject {
  const strict: JsonObject = structuredClone(definitions);
  for (const [name, omitEmpty] of Object.entries(completeDefinitions)) {
    const definition = strict[name];
    if (!isJsonObject(definition) || !isJsonObject(definition['properties'])) continue;
    const exemptions = [...omitEmpty, ...(absentProperties[name] ?? [])];
    const properties = Object.keys(definition['properties']).filter((property) => !exemptions.includes(property));
    definition[completePropertiesKeyword] = { definition: name, properties };
  }
  return strict;
}
