// The part of CoderClient the backends use: what a fake must answer in tests.
import type { CoderClient } from '@fleet/coder-client';

export type FleetCoderClient = Pick<
  CoderClient,
  | 'getCoderVersion'
  | 'getAuthenticatedUser'
  | 'getTemplates'
  | 'getTemplateVersionRichParameters'
  | 'getTemplateVersionPresets'
  | 'getTemplateVersionResources'
  | 'getWorkspaces'
  | 'getWorkspace'
  | 'getWorkspaceByOwnerAndName'
  | 'createWorkspace'
  | 'startWorkspace'
  | 'stopWorkspace'
  | 'deleteWorkspace'
  | 'getWorkspaceBuild'
  | 'getWorkspaceBuildParameters'
  | 'getTasks'
  | 'getTask'
  | 'createTask'
  | 'deleteTask'
  | 'getTaskLogs'
  | 'getAgentApiMessages'
  | 'getAgentApiStatus'
  | 'sendAgentApiMessage'
  | 'interruptAgentApi'
>;

/** Coder's alias for the token's owner: every agent of the fleet belongs to that user. */
export const CURRENT_USER = 'me';
