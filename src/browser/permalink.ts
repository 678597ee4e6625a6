/**
 * The workspace (document, mock rules, call settings) and its permalink: the workspace compressed into the
 * URL's hash with lz-string, so a link restores exactly what its author saw (but the author's devices).
 * Anything read back from a link or from storage is checked field by field; a bad field falls back to its
 * default. Reading a link is bounded in time and memory whatever it holds.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { CATCH_ALL_RULE, normalizeRules, type MockRule } from '../engine/mock-rules.ts';
import { DecompressedTooLarge, decompressFromEncodedURIComponentBounded } from './bounded-lz-string.ts';
import { DEFAULT_SETTINGS, normalizeSettings, shareableSettings, type CallSettings } from './settings.ts';
import { errorMessage } from '../rcml/error-message.ts';

export interface Workspace {
  rcml: string;
  rules: MockRule[];
  settings: CallSettings;
}

export const DEFAULT_RCML = `<Response>
  <Say>Please leave a message after the beep. Press pound when you are done.</Say>
  <Record action="/handle-recording" maxLength="30" finishOnKey="#"/>
</Response>
`;

export { DEFAULT_SETTINGS };

export function defaultWorkspace(): Workspace {
  return { rcml: DEFAULT_RCML, rules: [CATCH_ALL_RULE], settings: DEFAULT_SETTINGS };
}

/** The hash parameter that carries a workspace: `#w=<lz-string>`. */
const HASH_KEY = 'w';
const MAX_LINK_CHARS = 200_000;
/** What a link may expand to: a document of 2 M characters (the parser's limit) and its rules. */
export const MAX_WORKSPACE_CHARS = 2_500_000;

/** A workspace from untrusted data (a link, storage); null when it is not one at all. */
export function normalizeWorkspace(value: unknown): Workspace | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  if (typeof fields.rcml !== 'string') return null;
  return {
    rcml: fields.rcml,
    rules: normalizeRules(fields.rules),
    settings: normalizeSettings(fields.settings),
  };
}

/** The `#w=…` hash that carries the workspace. */
export function encodePermalinkHash(workspace: Workspace): string {
  const shared = { ...workspace, settings: shareableSettings(workspace.settings) };
  return `#${HASH_KEY}=${compressToEncodedURIComponent(JSON.stringify(shared))}`;
}

/** A full permalink for the page at `pageUrl`. */
export function permalinkFor(workspace: Workspace, pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = encodePermalinkHash(workspace).slice(1);
  return url.href;
}

/** Whether a location hash carries a workspace at all (without reading it). */
export function hasPermalink(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has(HASH_KEY);
}

/**
 * The workspace in a location hash: `null` when the hash carries none, an `Error` (with a message for the
 * user) when it carries one that cannot be read: cut short, edited by hand, or a decompression bomb.
 * Never throws.
 */
export function decodePermalinkHash(hash: string): Workspace | Error | null {
  try {
    const packed = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
    if (packed === null) return null;
    if (packed.length > MAX_LINK_CHARS) return new Error('The link is too long to be a sandbox permalink.');
    // URLSearchParams turns '+' into a space; lz-string's URI alphabet uses '+'.
    const json = decompressFromEncodedURIComponentBounded(packed.replace(/ /g, '+'), MAX_WORKSPACE_CHARS);
    if (!json) return new Error('The link is damaged (cut short?): its workspace could not be read.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return new Error('The link is damaged: its workspace is not valid JSON.');
    }
    return normalizeWorkspace(parsed) ?? new Error('The link does not hold a sandbox workspace.');
  } catch (error) {
    if (error instanceof DecompressedTooLarge) {
      return new Error(`The link was not opened: ${error.message}, more than any sandbox workspace holds.`);
    }
    return new Error(`The link could not be read (${errorMessage(error)}).`);
  }
}
