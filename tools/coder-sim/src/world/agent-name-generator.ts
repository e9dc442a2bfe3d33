// Names for seeded agents: readable, valid Coder workspace names, unique for any number of agents.
const FIRST_WORDS = ['fix', 'refactor', 'review', 'test', 'docs', 'speedup', 'harden', 'cleanup', 'migrate', 'audit'];
const SECOND_WORDS = [
  'login',
  'billing',
  'webhooks',
  'cache',
  'exports',
  'onboarding',
  'ratelimit',
  'search',
  'backups',
  'flags',
  'emails',
  'orders',
];

/** Walks the word pairs diagonally, so neighbours differ in both words and no pair repeats within a round. */
export function seededAgentName(position: number): string {
  const pairs = FIRST_WORDS.length * SECOND_WORDS.length;
  const inRound = position % pairs;
  const first = FIRST_WORDS[inRound % FIRST_WORDS.length] ?? 'agent';
  const second = SECOND_WORDS[(inRound + Math.floor(inRound / FIRST_WORDS.length)) % SECOND_WORDS.length] ?? 'task';
  const round = Math.floor(position / pairs);
  return round === 0 ? `${first}-${second}` : `${first}-${second}-${round + 1}`;
}
