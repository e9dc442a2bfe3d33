// The deployment's wildcard host for subdomain apps (codersdk.AppHostResponse).
import * as z from 'zod';

export const AppHostResponseSchema = z.looseObject({
  /** E.g. `*.apps.example.com`; empty when the deployment has no wildcard access URL. */
  host: z.string(),
});
export type AppHostResponse = z.infer<typeof AppHostResponseSchema>;
