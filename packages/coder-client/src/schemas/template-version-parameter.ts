// A rich parameter of a template version, e.g. `AI Prompt` (codersdk.TemplateVersionParameter).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { openEnum } from './open-enum.js';

export const TemplateVersionParameterOptionSchema = z.looseObject({
  name: z.string(),
  value: z.string(),
  description: z.string().optional(),
  icon: z.string().optional(),
});
export type TemplateVersionParameterOption = z.infer<typeof TemplateVersionParameterOptionSchema>;

export const templateVersionParameterTypes = ['string', 'number', 'bool', 'list(string)'] as const;

export const TemplateVersionParameterSchema = z.looseObject({
  name: z.string(),
  display_name: z.string().optional(),
  description: z.string().optional(),
  description_plaintext: z.string().optional(),
  type: openEnum(templateVersionParameterTypes),
  form_type: z.string().optional(),
  mutable: z.boolean().optional(),
  default_value: z.string().optional(),
  icon: z.string().optional(),
  options: listOf(TemplateVersionParameterOptionSchema),
  required: z.boolean().optional(),
  ephemeral: z.boolean().optional(),
  validation_regex: z.string().nullish(),
  validation_error: z.string().nullish(),
  validation_min: z.number().nullish(),
  validation_max: z.number().nullish(),
  validation_monotonic: z.string().nullish(),
});
export type TemplateVersionParameter = z.infer<typeof TemplateVersionParameterSchema>;
