// The rule for a task prompt: what may be typed into an agent's terminal.
import * as z from 'zod';
import { findControlCharacter } from './control-characters.js';

/** A task's size limit, in bytes of UTF-8: far beyond any prompt a person writes, and small enough to type into a terminal. */
export const TASK_PROMPT_MAX_BYTES = 100 * 1024;

/** Characters a task may hold among the control characters: a prompt has lines and may be indented. */
const TASK_PROMPT_ALLOWED_CONTROLS = '\n\t';

export const TASK_PROMPT_RULE = `a task is text of at most ${formatSize(TASK_PROMPT_MAX_BYTES)}, not blank, without control characters other than newline and tab`;

/**
 * Says why a task cannot be sent to an agent, or returns undefined for a task that can. A task is typed into the
 * agent's terminal, so a control character in it would act there (ESC [201~ ends AgentAPI's bracketed paste and
 * turns the rest into keystrokes, CR submits, Ctrl+C interrupts) and bidirectional overrides hide what it says.
 */
export function taskPromptProblem(task: string): string | undefined {
  const bytes = utf8Length(task);
  if (bytes > TASK_PROMPT_MAX_BYTES) {
    return `a task has at most ${formatSize(TASK_PROMPT_MAX_BYTES)} (${TASK_PROMPT_MAX_BYTES.toLocaleString('en-US')} bytes of UTF-8) and this one has ${formatSize(bytes)} (${bytes.toLocaleString('en-US')} bytes): shorten it, or put the details in a file the agent can read and point to it`;
  }
  if (task.trim().length === 0) {
    return 'a task must not be empty or only whitespace: write what the agent should do';
  }
  const control = findControlCharacter(task, TASK_PROMPT_ALLOWED_CONTROLS);
  if (control !== undefined) {
    return `a task must not contain control characters other than newline and tab, and this one has ${control.name} at character ${control.position} (line ${control.line}, column ${control.column}): it would act on the agent's terminal instead of being read; remove it`;
  }
  return undefined;
}

/** A prompt for an agent: see TASK_PROMPT_RULE and taskPromptProblem. */
export const TaskPromptSchema = z.string().superRefine((value, context) => {
  const problem = taskPromptProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** `100 KB`, `1.5 MB`: sizes in units of 1,024. */
function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${trimmed(bytes / 1024)} KB`;
  return `${trimmed(bytes / (1024 * 1024))} MB`;
}

function trimmed(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
