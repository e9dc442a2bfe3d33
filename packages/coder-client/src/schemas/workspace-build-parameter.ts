// A rich parameter value of a build, sent on create and read back (codersdk.WorkspaceBuildParameter).
import * as z from 'zod';

export const WorkspaceBuildParameterSchema = z.looseObject({
  name: z.string(),
  value: z.string(),
});
export type WorkspaceBuildParameter = z.infer<typeof WorkspaceBuildParameterSchema>;
