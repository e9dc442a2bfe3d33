// Finds a token in what the server sent or logged: the whole token, or the secret half of Coder's `<id>-<secret>` form.
const PREVIEW_RADIUS = 60;

export function secretFragments(token: string): string[] {
  const parts = token.split('-');
  const secret = parts.length === 2 ? parts[1] : undefined;
  return secret !== undefined && secret.length >= 16 ? [token, secret] : [token];
}

/** Where any of the tokens shows up, as short excerpts with the token masked, so the failure itself leaks nothing. */
export function findLeaks(outputs: Record<string, readonly string[]>, tokens: readonly string[]): string[] {
  const fragments = tokens.flatMap(secretFragments);
  const leaks: string[] = [];
  for (const [source, texts] of Object.entries(outputs)) {
    for (const text of texts) {
      for (const fragment of fragments) {
        const at = text.indexOf(fragment);
        if (at === -1) continue;
        const excerpt = text.slice(Math.max(0, at - PREVIEW_RADIUS), at + fragment.length + PREVIEW_RADIUS).replaceAll(fragment, '<TOKEN>');
        leaks.push(`${source}: …${excerpt}…`);
      }
    }
  }
  return leaks;
}
