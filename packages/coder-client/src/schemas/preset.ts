// A preset of a template version, the thing Fleet calls a role (codersdk.Preset).
import * as z from 'zod';
import { listOf } from './list-of.js';

/**
 * Coder's Go struct for presets has no JSON tags, so a real server sends `ID`, `Name`,
 * `Parameters: [{Name, Value}]` (seen on v2.27.1), while the API description writes the fields in
 * lower case. Both are read; the result uses Coder's own capitalised names.
 */
function withCapitalisedKeys(aliases: Readonly<Record<string, string>>) {
  return (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return value;
    }
    const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [lowerCase, capitalised] of Object.entries(aliases)) {
      if (!(capitalised in result) && lowerCase in result) {
        result[capitalised] = result[lowerCase];
        delete result[lowerCase];
      }
    }
    return result;
  };
}

export const PresetParameterSchema = z.preprocess(
  withCapitalisedKeys({ name: 'Name', value: 'Value' }),
  z.looseObject({ Name: z.string(), Value: z.string() }),
);
export type PresetParameter = z.infer<typeof PresetParameterSchema>;

export const PresetSchema = z.preprocess(
  withCapitalisedKeys({
    id: 'ID',
    name: 'Name',
    parameters: 'Parameters',
    default: 'Default',
    description: 'Description',
    icon: 'Icon',
    desiredPrebuildInstances: 'DesiredPrebuildInstances',
  }),
  z.looseObject({
    ID: z.string(),
    Name: z.string(),
    Parameters: listOf(PresetParameterSchema),
    Default: z.boolean().optional(),
    Description: z.string().optional(),
    Icon: z.string().optional(),
    DesiredPrebuildInstances: z.number().nullish(),
  }),
);
export type Preset = z.infer<typeof PresetSchema>;
