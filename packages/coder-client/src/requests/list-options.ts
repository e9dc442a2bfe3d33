// Options of the list methods: Coder's search query and paging.

export interface GetWorkspacesOptions {
  /** Coder's search query, e.g. `owner:me has-ai-task:true`. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface IterateWorkspacesOptions {
  q?: string;
  /** Workspaces fetched per request; default 25. */
  pageSize?: number;
}

export interface GetTemplatesOptions {
  /** Organization id or name: list only that organization's templates. */
  organization?: string;
  /** Coder's search query, e.g. `deprecated:false`. */
  q?: string;
}

export interface GetTasksOptions {
  /** Coder's search query, e.g. `owner:me status:active`. */
  q?: string;
  /** Paging, honoured by 2.27's experimental list only (later releases answer every task). */
  limit?: number;
  offset?: number;
}

export interface GetWorkspaceBuildsOptions {
  limit?: number;
  offset?: number;
}
