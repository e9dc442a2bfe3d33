// Waiting for the user, decided on real and written Claude Code screens and on the app status flag.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { needsUserInput } from '../../src/status/needs-user-input.js';
import { EXPECTED_OUTCOMES } from '../fixtures/claude-code-screens/expected-outcomes.js';

const screensFolder = fileURLToPath(new URL('../fixtures/claude-code-screens/', import.meta.url));
const screen = (file: string): string => readFileSync(`${screensFolder}${file}`, 'utf8');
const screenFiles = readdirSync(screensFolder).filter((file) => file.endsWith('.txt'));

describe('needsUserInput', () => {
  it('has an expected outcome for every screen, and a screen for every outcome', () => {
    expect(screenFiles.sort()).toEqual(Object.keys(EXPECTED_OUTCOMES).sort());
  });

  const outcomes = Object.entries(EXPECTED_OUTCOMES).map(([file, { waiting, why }]) => [file, waiting, why] as const);
  it.each(outcomes)('%s: waiting %s (%s)', (file, waiting) => {
    expect(needsUserInput({ lastAgentMessage: screen(file) })).toBe(waiting);
  });

  it('takes a dialog for waiting only at the bottom of the screen', () => {
    const dialog = screen('written-bash-permission-dialog.txt');
    const laterWork = ['', '● Bash(npm run migrate -- --env staging)', '  ⎿  Applied 3 migrations.'].join('\n');
    const welcomeBanner = screen('agentapi-claude-welcome-screen.txt');

    expect(needsUserInput({ lastAgentMessage: `${dialog}${laterWork}` })).toBe(false);
    expect(needsUserInput({ lastAgentMessage: `${screen('written-trust-folder-dialog.txt')}${welcomeBanner}` })).toBe(false);
    expect(needsUserInput({ lastAgentMessage: `${dialog}${'\n'.repeat(20)}` })).toBe(true);
  });

  it('needs another option beside the cursor: a lone `❯ 1.` line is no menu', () => {
    expect(needsUserInput({ lastAgentMessage: '● Done.\n❯ 1. fix the flaky test' })).toBe(false);
    expect(needsUserInput({ lastAgentMessage: '● Done.\n❯ 1. Yes\n  2. No' })).toBe(true);
  });

  it('honours the app status flag whatever the screen shows', () => {
    const answer = screen('agentapi-claude-answer-message.txt');

    expect(needsUserInput({ lastAgentMessage: answer, appStatusNeedsAttention: true })).toBe(true);
    expect(needsUserInput({ appStatusNeedsAttention: true })).toBe(true);
    expect(needsUserInput({ lastAgentMessage: answer, appStatusNeedsAttention: false })).toBe(false);
  });

  it('is not waiting with nothing to go on', () => {
    expect(needsUserInput({})).toBe(false);
    expect(needsUserInput({ lastAgentMessage: '' })).toBe(false);
  });
});
