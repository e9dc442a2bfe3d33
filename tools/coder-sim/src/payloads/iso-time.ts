// Formats simulator times (epoch milliseconds) the way Coder's JSON carries them.

export function isoTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}
