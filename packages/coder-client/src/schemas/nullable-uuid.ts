// Coder's uuid.NullUUID: on the wire a UUID string or null; its API description calls it {uuid, valid}.
import * as z from 'zod';

/** Reads every form a nullable UUID takes and gives the UUID, or `null` when there is none. */
export const NullableUuidSchema = z
  .union([z.string(), z.null(), z.looseObject({ uuid: z.string(), valid: z.boolean() })])
  .optional()
  .transform((value): string | null => {
    if (value === undefined || value === null) {
      return null;
    }
    if (typeof value === 'string') {
      return value === '' ? null : value;
    }
    return value.valid ? value.uuid : null;
  });
