// The provisioner job statuses after which a build changes nothing more.

export const FINISHED_JOB_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'canceled']);
