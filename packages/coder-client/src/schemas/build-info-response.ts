// GET /api/v2/buildinfo: the server's version and URLs (codersdk.BuildInfoResponse).
import * as z from 'zod';

export const BuildInfoResponseSchema = z.looseObject({
  version: z.string(),
  external_url: z.string().optional(),
  dashboard_url: z.string().optional(),
  deployment_id: z.string().optional(),
  agent_api_version: z.string().optional(),
  provisioner_api_version: z.string().optional(),
  upgrade_message: z.string().optional(),
  telemetry: z.boolean().optional(),
  workspace_proxy: z.boolean().optional(),
});
export type BuildInfoResponse = z.infer<typeof BuildInfoResponseSchema>;
