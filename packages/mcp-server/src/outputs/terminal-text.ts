// Text that is safe to print on a terminal: control characters from Coder (or anywhere) written out as visible escapes.
import { escapeControlCharacters } from '@fleet/fleet-models';

/**
 * Where each text form is escaped. Everything Fleet returns as `content` text, and the message of an error, goes
 * through here: names, descriptions, statuses and conversations come from Coder and from agents, and an ESC, BEL or
 * NUL in them would act on the terminal of whoever reads the answer. `structuredContent` keeps Coder's strings as
 * they are: it is JSON for programs, which escapes C0 controls itself, and a program may need the exact value.
 */
const KEPT_IN_LINES = '\n\t';

/** A value shown inside one line (a name, a status message): every control character escaped, newline and tab too. */
export function inline(value: string): string {
  return escapeControlCharacters(value);
}

/** Text with lines (a conversation entry, a whole answer): control characters escaped, newline and tab kept. */
export function multiline(value: string): string {
  return escapeControlCharacters(value, KEPT_IN_LINES);
}
