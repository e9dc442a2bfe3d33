// Deterministic pseudo-random numbers and identifiers, so that one seed always yields the same world.

// Bound once: a global lookup per call (Math.imul) costs tenfold inside sandboxed module contexts such as jest's.
const multiply32 = Math.imul;

/** A fast 32-bit hash of a text; different salts give independent streams. */
export function hashText(text: string, salt: number): number {
  let first = 0xdeadbeef ^ salt;
  let second = 0x41c6ce57 ^ salt;
  for (let position = 0; position < text.length; position += 1) {
    const code = text.charCodeAt(position);
    first = multiply32(first ^ code, 2654435761);
    second = multiply32(second ^ code, 1597334677);
  }
  first = multiply32(first ^ (first >>> 16), 2246822507);
  first ^= multiply32(second ^ (second >>> 13), 3266489909);
  second = multiply32(second ^ (second >>> 16), 2246822507);
  second ^= multiply32(first ^ (first >>> 13), 3266489909);
  return (first ^ second) >>> 0;
}

/** A UUID (version 4 layout) derived from the seed and a label, stable across runs. */
export function deterministicUuid(seed: number, ...labelParts: readonly (string | number)[]): string {
  const label = labelParts.join(':');
  let hex = '';
  for (let word = 0; word < 4; word += 1) {
    hex += hashText(label, (seed * 4 + word + 1) >>> 0)
      .toString(16)
      .padStart(8, '0');
  }
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32: small, fast and good enough for simulated behaviour. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = multiply32(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + multiply32(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [minimum, maximum]. */
  integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.next() * (maximum - minimum + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new Error('Cannot pick from an empty list.');
    }
    return item;
  }
}

/** Picks an item by a hash value, for content that must be derived without keeping state. */
export function pickByHash<T>(items: readonly T[], hash: number): T {
  const item = items[hash % items.length];
  if (item === undefined) {
    throw new Error('Cannot pick from an empty list.');
  }
  return item;
}
