import { TASK_PROMPT_MAX_BYTES, taskPromptProblem, TaskPromptSchema } from '../src/index.js';

describe('a task prompt can be typed into the agent terminal as it is', () => {
  it.each([
    ['a one-line prompt', 'Fix the flaky login test'],
    ['lines and indentation', 'Review the API docs:\n\t- the examples\n\t- the error table'],
    ['text in other scripts and emoji', 'Übersetze die README ins Deutsche 🚀 — שלום עולם'],
    ['exactly the size limit', 'a'.repeat(TASK_PROMPT_MAX_BYTES)],
  ])('accepts %s', (_what, task) => {
    expect(taskPromptProblem(task)).toBeUndefined();
    expect(TaskPromptSchema.parse(task)).toBe(task);
  });

  it.each([
    ['ESC', 'Fix it\u001b[2J', 'U+001B ESC at character 7 (line 1, column 7)'],
    ["the end of AgentAPI's bracketed paste", 'Summarise\n\u001b[201~\r', 'U+001B ESC at character 11 (line 2, column 1)'],
    ['CR, which submits', 'first\rsecond', 'U+000D CR (Ctrl+M) at character 6 (line 1, column 6)'],
    ['Ctrl+C', 'stop\u0003', 'U+0003 ETX (Ctrl+C) at character 5'],
    ['NUL', '\u0000', 'U+0000 NUL (Ctrl+@) at character 1'],
    ['BEL', 'ring\u0007', 'U+0007 BEL (Ctrl+G)'],
    ['DEL', 'a\u007f', 'U+007F DEL at character 2'],
    ['a C1 control (CSI)', 'a\u009b2J', 'U+009B CSI at character 2'],
    ['a right-to-left override', 'access \u202eexif\u202c level', 'U+202E RIGHT-TO-LEFT OVERRIDE at character 8'],
    ['a left-to-right embedding', '\u202a', 'U+202A LEFT-TO-RIGHT EMBEDDING'],
    ['a first-strong isolate', 'x \u2068y\u2069', 'U+2068 FIRST STRONG ISOLATE at character 3'],
    ['a pop directional isolate', 'y\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
    ['a control after an emoji, counted in characters', '🚀\u001b', 'U+001B ESC at character 2 (line 1, column 2)'],
  ])('refuses %s, naming the character and where it is', (_what, task, named) => {
    const problem = taskPromptProblem(task);
    expect(problem).toContain('control characters other than newline and tab');
    expect(problem).toContain(named);
  });

  it.each(['', '   ', '\n\t '])('refuses the blank task %j', (task) => {
    expect(taskPromptProblem(task)).toBe('a task must not be empty or only whitespace: write what the agent should do');
  });

  it('refuses one byte past the limit, saying the limit and the size', () => {
    expect(taskPromptProblem('a'.repeat(TASK_PROMPT_MAX_BYTES + 1))).toContain(
      'a task has at most 100 KB (102,400 bytes of UTF-8) and this one has 100.0 KB (102,401 bytes)',
    );
  });

  it('counts the limit in bytes of UTF-8, not in characters', () => {
    const task = 'é'.repeat(TASK_PROMPT_MAX_BYTES / 2 + 1);
    expect(taskPromptProblem(task)).toContain('this one has 100.0 KB (102,402 bytes)');
    expect(taskPromptProblem('🚀'.repeat(TASK_PROMPT_MAX_BYTES / 4))).toBeUndefined();
  });

  it('refuses a 10 MB task by its size before looking at its characters', () => {
    expect(taskPromptProblem('\u001b'.repeat(10 * 1024 * 1024))).toContain('this one has 10 MB (10,485,760 bytes)');
  });

  it('gives the schema the same reason as taskPromptProblem, once', () => {
    const result = TaskPromptSchema.safeParse('go\u001b');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([taskPromptProblem('go\u001b')]);
  });
});
