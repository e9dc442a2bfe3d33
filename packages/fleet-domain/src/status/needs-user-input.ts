// Whether a stable agent stopped to ask its user something, read from what Fleet can observe of it.

export interface UserInputSignals {
  /** The content of the newest `agent` message of AgentAPI's `GET /messages`: Claude Code's screen text. */
  lastAgentMessage?: string | undefined;
  /** `needs_user_attention` of the agent's newest app status. */
  appStatusNeedsAttention?: boolean | undefined;
}

/**
 * True when a stable agent waits for its user: its app status says it needs attention, or the bottom of its
 * screen is one of Claude Code's choice dialogs (a permission prompt such as "Do you want to proceed?", the
 * "Do you trust the files in this folder?" prompt, a question with options), which always render as a
 * numbered menu with the `❯` cursor on one option.
 *
 * A question in prose ("Anything else you want me to look at?") is not waiting: Fleet cannot tell a
 * rhetorical question from one awaiting an answer, and only Claude Code's own dialogs are certain.
 *
 * Nothing in Coder sets `needs_user_attention` today (see the fixtures' README), so in practice the screen decides;
 * the flag is honoured in case an agent reports it.
 */
export function needsUserInput(signals: UserInputSignals): boolean {
  if (signals.appStatusNeedsAttention === true) {
    return true;
  }
  return signals.lastAgentMessage !== undefined && endsOnChoiceDialog(signals.lastAgentMessage);
}

/** Claude Code's selection cursor on a numbered option: `❯ 1. Yes`. */
const SELECTED_OPTION = /^❯\s*\d+\.\s/;
const OPTION = /^(?:❯\s*)?\d+\.\s/;
/**
 * How Claude Code starts what it prints: `●`/`⏺` a message or tool call, `⎿` its result, `>` a prompt, `✻` its
 * banner or spinner. One below the menu means the menu is not the live dialog but an answered or quoted one.
 */
const PRINTED_ENTRY = /^[●⏺⎿>✻]/;
const SIDE_BORDERS = /^[\s│┃║]+|[\s│┃║]+$/g;
const BORDER_ONLY = /^[─━═╌┄╭╮╰╯┌┐└┘\s]*$/;

function endsOnChoiceDialog(screen: string): boolean {
  const lines = contentLines(screen);
  const cursorAt = lines.findLastIndex((line) => SELECTED_OPTION.test(line));
  if (cursorAt === -1) {
    return false;
  }
  const hasOtherOption = lines.some((line, index) => index !== cursorAt && OPTION.test(line));
  const printedBelow = lines.slice(cursorAt + 1).some((line) => PRINTED_ENTRY.test(line));
  return hasOtherOption && !printedBelow;
}

/** The screen's non-blank lines without box borders (`│ … │`, `╭───╮`) or padding. */
function contentLines(screen: string): string[] {
  return screen
    .split(/\r?\n/)
    .map((line) => line.replace(SIDE_BORDERS, ''))
    .filter((line) => !BORDER_ONLY.test(line));
}
