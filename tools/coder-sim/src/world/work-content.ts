// Plausible text for what a simulated coding agent is asked and reports, derived from a number so it needs no storage.
import { hashText, pickByHash } from '../deterministic-random.js';

const VERBS = ['Fix', 'Refactor', 'Add tests for', 'Document', 'Investigate', 'Speed up', 'Harden', 'Clean up', 'Review'];
const SUBJECTS = [
  'the login flow',
  'the flaky CI job on main',
  'the payment webhook handler',
  'the session cache eviction',
  'the CSV export endpoint',
  'the onboarding wizard',
  'the rate limiter middleware',
  'the search index rebuild',
  'the nightly backup script',
  'the feature flag client',
  'the email templates',
  'the GraphQL resolvers for orders',
];
const AREAS = ['apps/web', 'services/api', 'packages/billing', 'infra/terraform', 'services/worker', 'packages/ui'];
const PROGRESS = [
  'Reading the relevant modules and their tests',
  'Reproduced the problem with a failing test',
  'Running the test suite after the first change',
  'Updating call sites to the new signature',
  'Checking lint and type errors',
  'Writing a regression test',
];
const OUTCOMES = ['opened a pull request', 'pushed a branch', 'updated the docs', 'added 6 tests', 'removed dead code'];

export interface WorkItem {
  prompt: string;
  summary: string;
}

/** The task number n of a history of the given variant. */
export function workItemFor(variant: number, taskNumber: number): WorkItem {
  const hash = hashText(`${variant}:${taskNumber}`, 0x7a5c);
  const verb = pickByHash(VERBS, hash);
  const subject = pickByHash(SUBJECTS, hash >>> 4);
  const area = pickByHash(AREAS, hash >>> 9);
  const summary = `${verb} ${subject}`;
  return {
    summary,
    prompt: `${summary} in ${area}. Keep the public API unchanged, run the tests before you finish, and explain what you changed.`,
  };
}

export function summariseText(text: string, maximumLength = 72): string {
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length <= maximumLength ? singleLine : `${singleLine.slice(0, maximumLength - 1)}…`;
}

export function progressMessageFor(hash: number): string {
  return pickByHash(PROGRESS, hash);
}

export function agentReplyFor(request: string, hash: number): string {
  const outcome = pickByHash(OUTCOMES, hash >>> 3);
  const files = 2 + (hash % 5);
  return [
    `● I looked into: ${summariseText(request, 120)}`,
    '',
    `  I changed ${files} files, ran the unit tests (all green) and ${outcome}.`,
    '  Summary of the change:',
    '  - narrowed the failing code path and added a guard for the empty case',
    '  - moved the shared helper into its own module and covered it with tests',
    '  - kept the public API unchanged',
    '',
    '  Anything else you want me to look at?',
  ].join('\n');
}

export const WELCOME_MESSAGE = [
  '╭───────────────────────────────────────────────────╮',
  '│ ✻ Welcome to Claude Code!                         │',
  '│                                                   │',
  '│   /help for help, /status for your current setup  │',
  '│                                                   │',
  '│   cwd: /home/coder/project                        │',
  '╰───────────────────────────────────────────────────╯',
].join('\n');

export const INTERRUPTED_MESSAGE = '  ⎿  Interrupted by user';

/** A task whose text contains this marker stops on a permission dialog before it finishes (see the README). */
export const NEEDS_PERMISSION_MARKER = '[needs-permission]';

export function needsPermission(request: string): boolean {
  return request.includes(NEEDS_PERMISSION_MARKER);
}

const COMMANDS_NEEDING_PERMISSION = [
  { command: 'npm run migrate', description: 'Apply the pending database migrations' },
  { command: 'rm -rf build/cache', description: 'Delete the stale build cache' },
  { command: 'git push --force-with-lease origin HEAD', description: 'Push the rebased branch' },
];

/**
 * Claude Code's Bash permission dialog as the screen ends on it, in its 2.x layout (a rule above, the numbered menu
 * with the ❯ cursor). The wording follows Claude Code's docs (code.claude.com/docs/en/permissions) and the dialogs
 * users paste in anthropics/claude-code issues; the command is picked by the hash.
 */
export function permissionDialogFor(hash: number): string {
  const { command, description } = pickByHash(COMMANDS_NEEDING_PERMISSION, hash);
  const [program] = command.split(' ');
  return [
    `● Bash(${command})`,
    '',
    '─'.repeat(80),
    ' Bash command',
    '',
    `   ${command}`,
    `   ${description}`,
    '',
    ' Do you want to proceed?',
    ' ❯ 1. Yes',
    `   2. Yes, and don't ask again for ${program} commands in /home/coder/project`,
    '   3. No, and tell Claude what to do differently (esc)',
  ].join('\n');
}

export function pullRequestUri(hash: number): string {
  return `https://github.com/acme/webapp/pull/${1000 + (hash % 4000)}`;
}
