// Which characters can steer a terminal rather than be shown in it, how they are named, and how they are written out harmlessly.

/**
 * C0 controls (U+0000–U+001F), DEL, C1 controls (U+0080–U+009F) and the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069): a terminal acts on them (ESC starts sequences, `ESC [201~` ends a
 * bracketed paste, CR and Ctrl+C are keystrokes) or shows text in an order other than the one it was written in.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this module's job
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'gu');

const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
];
const C1_NAMES = [
  'PAD', 'HOP', 'BPH', 'NBH', 'IND', 'NEL', 'SSA', 'ESA', 'HTS', 'HTJ', 'VTS', 'PLD', 'PLU', 'RI', 'SS2', 'SS3',
  'DCS', 'PU1', 'PU2', 'STS', 'CCH', 'MW', 'SPA', 'EPA', 'SOS', 'SGCI', 'SCI', 'CSI', 'ST', 'OSC', 'PM', 'APC',
];
const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

export interface ControlCharacterFound {
  /** e.g. `U+001B ESC`, `U+0003 ETX (Ctrl+C)`, `U+202E RIGHT-TO-LEFT OVERRIDE` */
  name: string;
  /** 1-based, counted in characters (code points) from the start of the text */
  position: number;
  line: number;
  column: number;
}

/** Whether a character is one of the controls above. */
export function isControlCharacter(character: string): boolean {
  return CONTROL_CHARACTER.test(character);
}

/** The first control character of `text` that `allowed` does not hold, with where it is; undefined when there is none. */
export function findControlCharacter(text: string, allowed = ''): ControlCharacterFound | undefined {
  // A quick test first: most texts hold none, and this one may be long.
  if (!hasControlCharacterOtherThan(text, allowed)) return undefined;
  let position = 0;
  let line = 1;
  let column = 0;
  for (const character of text) {
    position += 1;
    column += 1;
    if (isControlCharacter(character) && !allowed.includes(character)) {
      return { name: nameOfCharacter(character), position, line, column };
    }
    if (character === '\n') {
      line += 1;
      column = 0;
    }
  }
  return undefined;
}

/** `U+001B ESC`: the code point and its name, with the key that types it for C0 controls. */
export function nameOfCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (codePoint < 0x20) {
    const key = codePoint === 0x1b ? '' : ` (Ctrl+${String.fromCharCode(codePoint + 0x40)})`;
    return `${hex} ${C0_NAMES[codePoint] ?? ''}${key}`;
  }
  if (codePoint === 0x7f) return `${hex} DEL`;
  if (codePoint >= 0x80 && codePoint <= 0x9f) return `${hex} ${C1_NAMES[codePoint - 0x80] ?? ''}`;
  const bidi = BIDI_NAMES[codePoint];
  return bidi === undefined ? hex : `${hex} ${bidi}`;
}

/**
 * Writes every control character of `text` that `kept` does not hold as a visible `\u001b`-style escape, so the
 * text can be printed to a terminal as it is. A newline and a tab can be kept where a text has lines.
 */
export function escapeControlCharacters(text: string, kept = ''): string {
  if (!hasControlCharacterOtherThan(text, kept)) return text;
  return text.replace(CONTROL_CHARACTERS, (character) =>
    kept.includes(character) ? character : `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

function hasControlCharacterOtherThan(text: string, allowed: string): boolean {
  if (allowed === '') return CONTROL_CHARACTER.test(text);
  for (const match of text.matchAll(CONTROL_CHARACTERS)) {
    if (!allowed.includes(match[0])) return true;
  }
  return false;
}
