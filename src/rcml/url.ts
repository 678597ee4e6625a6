/** The URL rule of SPEC §1: a URL must parse (relative ones against any http base) and be http or https. */

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const PLACEHOLDER_BASE = 'https://placeholder.invalid/';

/** Why `value` (already trimmed) is not a usable URL, or null when it is one. */
export function urlProblem(value: string): string | null {
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme !== undefined) {
    const lower = scheme.toLowerCase();
    if (lower !== 'http' && lower !== 'https') return `its scheme "${scheme}" is not http or https`;
  }
  try {
    new URL(value, PLACEHOLDER_BASE);
    return null;
  } catch {
    return 'it cannot be parsed as a URL';
  }
}
