// The error bodies the client reads: Coder's codersdk.Response and AgentAPI's RFC 7807 ErrorModel.
import * as z from 'zod';

export const ValidationErrorSchema = z.looseObject({
  field: z.string(),
  detail: z.string(),
});
export type ValidationError = z.infer<typeof ValidationErrorSchema>;

/** Coder's error body: `{ message, detail?, validations? }`. */
export const CoderErrorResponseSchema = z.looseObject({
  message: z.string(),
  detail: z.string().optional(),
  validations: z.array(ValidationErrorSchema).nullish(),
});
export type CoderErrorResponse = z.infer<typeof CoderErrorResponseSchema>;

export const AgentApiErrorDetailSchema = z.looseObject({
  location: z.string().optional(),
  message: z.string().optional(),
  value: z.unknown().optional(),
});

/** AgentAPI's error body, RFC 7807 style: `{ title, status, detail, errors }`. */
export const AgentApiErrorModelSchema = z.looseObject({
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  errors: z.array(AgentApiErrorDetailSchema).nullish(),
  type: z.string().optional(),
  instance: z.string().optional(),
});
export type AgentApiErrorModel = z.infer<typeof AgentApiErrorModelSchema>;
