// Coder's rule for workspace and task names (codersdk.NameValid): letters, digits, single inner hyphens, at most 32.

const NAME_PATTERN = /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/;
const RESERVED_NAMES = new Set(['new', 'create']);

/** null when the name is valid, else the reason Coder gives. */
export function workspaceNameProblem(name: string): string | null {
  if (name.length > 32) {
    return 'must be <= 32 characters';
  }
  if (name.length < 1) {
    return 'must be >= 1 character';
  }
  if (RESERVED_NAMES.has(name)) {
    return `cannot use "${name}" as a name`;
  }
  if (!NAME_PATTERN.test(name)) {
    return 'must be alphanumeric with hyphens';
  }
  return null;
}
