import { escapeControlCharacters, findControlCharacter, nameOfCharacter } from '../src/index.js';

describe('control characters are found, named and escaped', () => {
  it.each([
    ['\u001b', 'U+001B ESC'],
    ['\u0003', 'U+0003 ETX (Ctrl+C)'],
    ['\u0085', 'U+0085 NEL'],
    ['\u202d', 'U+202D LEFT-TO-RIGHT OVERRIDE'],
  ])('names %j as %s', (character, name) => {
    expect(nameOfCharacter(character)).toBe(name);
  });

  it('finds the first control character that is not allowed, with its line and column', () => {
    expect(findControlCharacter('a\tb\nc\u0007', '\n\t')).toEqual({ name: 'U+0007 BEL (Ctrl+G)', position: 6, line: 2, column: 2 });
    expect(findControlCharacter('a\tb\nc', '\n\t')).toBeUndefined();
    expect(findControlCharacter('a\tb')).toMatchObject({ name: 'U+0009 HT (Ctrl+I)', position: 2 });
  });

  it('escapes every control character as \\u escapes, keeping those asked for', () => {
    expect(escapeControlCharacters('red\u001b[31m\u0007\u0000\u009b\u202e\r\n\tend', '\n\t')).toBe(
      'red\\u001b[31m\\u0007\\u0000\\u009b\\u202e\\u000d\n\tend',
    );
    expect(escapeControlCharacters('one\ntwo\tthree')).toBe('one\\u000atwo\\u0009three');
  });

  it('returns text without control characters as it is', () => {
    const text = 'Claude Code — Übersicht 🚀 (default)';
    expect(escapeControlCharacters(text)).toBe(text);
  });
});
