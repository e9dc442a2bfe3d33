// An array field that Coder may send as null or leave out (a nil Go slice): read as empty.
import * as z from 'zod';

export function listOf<Item extends z.ZodType>(item: Item) {
  return z
    .array(item)
    .nullish()
    .transform((items): z.output<Item>[] => items ?? []);
}
