// Estimates how hard a secret is to guess, so that a word, a pattern or a sequence is refused as a bearer token however long it is.

/**
 * A conservative estimate, in bits, of the randomness in `token`: a repeated block counts once, a character that
 * repeats or continues a sequence of the one before it ("aa", "ab", "21") counts nothing, and the rest count by
 * the Shannon entropy of their own distribution. A random hex string of n characters scores a little under 4n bits;
 * "passwordpassword" scores 24.
 */
export function estimateTokenBits(token: string): number {
  const characters = [...smallestRepeatingBlock([...token])];
  const surprising = characters.filter((character, index) => index === 0 || !continues(characters[index - 1] as string, character));
  const counts = new Map<string, number>();
  for (const character of surprising) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const share = count / surprising.length;
    bitsPerCharacter -= share * Math.log2(share);
  }
  return surprising.length * bitsPerCharacter;
}

function smallestRepeatingBlock(characters: string[]): string[] {
  for (let period = 1; period < characters.length; period += 1) {
    if (characters.every((character, index) => character === characters[index % period])) return characters.slice(0, period);
  }
  return characters;
}

function continues(previous: string, character: string): boolean {
  const step = (character.codePointAt(0) ?? 0) - (previous.codePointAt(0) ?? 0);
  return step >= -1 && step <= 1;
}
