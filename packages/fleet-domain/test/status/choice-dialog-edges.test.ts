// Where a choice dialog's edges lie: what counts as the cursor, as another option, and as output printed below the menu.
import { needsUserInput } from '../../src/status/needs-user-input.js';

/** A screen of lines, as AgentAPI serves Claude Code's message (written for these tests). */
const screen = (...lines: string[]) => lines.join('\n');
const waiting = (...lines: string[]) => needsUserInput({ lastAgentMessage: screen(...lines) });

describe('a choice dialog', () => {
  it('has its cursor at the start of a line: a `❯ 1.` inside prose is no cursor', () => {
    expect(waiting('● Next steps:', '  1. Run the migrations', '  2. Answer the prompt with ❯ 1. Yes when it asks')).toBe(false);
  });

  it('takes the cursor with or without a space before the number', () => {
    expect(waiting(' Do you want to proceed?', ' ❯1. Yes', '  2. No')).toBe(true);
  });

  it('takes options numbered 10 and beyond, under the cursor and beside it', () => {
    expect(waiting(' Which file?', '  9. src/nine.ts', ' ❯ 10. src/ten.ts')).toBe(true);
    expect(waiting(' Which file?', ' ❯ 9. src/nine.ts', '  10. src/ten.ts')).toBe(true);
  });

  it('needs another option at the start of a line: a number in prose is none', () => {
    expect(waiting('● I will do step 2. next, once you say so.', '❯ 1. fix the flaky test')).toBe(false);
  });

  it('is answered once output Claude Code prints starts a line below it, not where such a mark only appears in text', () => {
    expect(waiting(' Do you want to proceed?', ' ❯ 1. Yes', '   2. No', '   Esc to cancel · the ● marks a running tool')).toBe(true);
    expect(waiting(' Do you want to proceed?', ' ❯ 1. Yes', '   2. No', '● Bash(npm test)')).toBe(false);
  });
});
