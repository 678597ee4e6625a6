/**
 * The corpus: RCML and TwiML documents that others wrote (Restcomm-Connect's testsuite and demos, Restcomm's
 * documentation, Twilio's documentation and helper-library tests), each parsed in its platform's dialect. A
 * document must give exactly the error codes its platform gives (usually none: the platform ran it); warnings
 * are allowed. See corpus/README.md for where each document comes from.
 */
import { describe, expect, it } from 'vitest';
import manifestJson from './corpus/manifest.json';
import { parseRcml } from './parse.ts';
import { PROFILE_NAMES, type Diagnostic, type ProfileName } from './types.ts';

interface CorpusSource {
  repo: string;
  path: string;
  commit: string;
  url: string;
}

interface CorpusEntry {
  /** Path of the document inside corpus/. */
  file: string;
  dialect: ProfileName;
  platform: string;
  source: CorpusSource;
  license: string;
  /** The error codes the platform itself gives for the document. */
  expect: { errors: number[] };
  notes: string;
}

/** At least this many documents, so that the corpus cannot shrink unnoticed. */
const MIN_DOCUMENTS = 200;

const CORPUS_PREFIX = './corpus/';
const NOT_DOCUMENTS = new Set(['manifest.json', 'README.md']);

/** Every file under corpus/, by its path inside corpus/. */
const folderFiles: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('./corpus/**/*', { query: '?raw', import: 'default', eager: true }),
  ).map(([key, text]) => [key.slice(CORPUS_PREFIX.length), text]),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The manifest's entries, or an error that names the first entry that is not of the documented form. */
function readManifest(json: unknown): CorpusEntry[] {
  if (!Array.isArray(json)) throw new Error('corpus/manifest.json must be an array of entries');
  return json.map((item: unknown, index) => {
    const where = `corpus/manifest.json entry ${index}`;
    if (!isRecord(item) || !nonEmptyString(item.file)) throw new Error(`${where}: "file" is missing`);
    const { source, expect: expected } = item;
    if (!isProfileName(item.dialect)) throw new Error(`${where} (${item.file}): unknown dialect`);
    if (!nonEmptyString(item.platform) || !nonEmptyString(item.license) || typeof item.notes !== 'string') {
      throw new Error(`${where} (${item.file}): "platform", "license" and "notes" are required`);
    }
    if (
      !isRecord(source) ||
      !nonEmptyString(source.repo) ||
      !nonEmptyString(source.path) ||
      !nonEmptyString(source.commit) ||
      !nonEmptyString(source.url)
    ) {
      throw new Error(`${where} (${item.file}): "source" needs repo, path, commit and url`);
    }
    if (!isRecord(expected) || !Array.isArray(expected.errors) || !expected.errors.every(Number.isInteger)) {
      throw new Error(`${where} (${item.file}): "expect.errors" must be an array of codes`);
    }
    return {
      file: item.file,
      dialect: item.dialect,
      platform: item.platform,
      source: { repo: source.repo, path: source.path, commit: source.commit, url: source.url },
      license: item.license,
      expect: { errors: expected.errors as number[] },
      notes: item.notes,
    };
  });
}

const entries = readManifest(manifestJson);

/**
 * What two copies of one document have in common: the XML declaration dropped, runs of blanks read as one
 * space, and no blanks between tags or before the end of a tag.
 */
function normalised(text: string): string {
  return text
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .replace(/\s+(\/?>)/g, '$1')
    .trim();
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.severity} ${diagnostic.code} at line ${diagnostic.line}, column ${diagnostic.column}: ${diagnostic.message}`;
}

function sortedUnique(codes: readonly number[]): number[] {
  return [...new Set(codes)].sort((a, b) => a - b);
}

/** Why the diagnostics differ from what the platform gives, naming the document and where it comes from. */
function mismatchReport(entry: CorpusEntry, diagnostics: readonly Diagnostic[]): string {
  const expected = new Set(entry.expect.errors);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const unexpected = errors.filter((diagnostic) => !expected.has(diagnostic.code));
  const missing = [...expected].filter((code) => !errors.some((diagnostic) => diagnostic.code === code));
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
  const lines = [
    `${entry.file} (${entry.platform}, dialect ${entry.dialect})`,
    `source: ${entry.source.url}`,
    ...unexpected.map((diagnostic) => `  unexpected ${describeDiagnostic(diagnostic)}`),
    ...missing.map((code) => `  missing error ${code}, which the platform gives (${entry.notes})`),
    ...warnings.map((diagnostic) => `  (${describeDiagnostic(diagnostic)})`),
  ];
  return lines.join('\n');
}

describe('the corpus of real documents', () => {
  it(`holds at least ${MIN_DOCUMENTS} documents`, () => {
    expect(entries.length).toBeGreaterThanOrEqual(MIN_DOCUMENTS);
  });

  it('lists every file of the folder in the manifest, and every manifest entry is a file of the folder', () => {
    const inFolder = Object.keys(folderFiles)
      .filter((file) => !NOT_DOCUMENTS.has(file))
      .sort();
    const inManifest = entries.map((entry) => entry.file).sort();
    expect(
      inFolder.filter((file) => !inManifest.includes(file)),
      'files missing from the manifest',
    ).toEqual([]);
    expect(
      inManifest.filter((file) => !inFolder.includes(file)),
      'manifest entries without a file',
    ).toEqual([]);
    expect(new Set(inManifest).size, 'a file listed twice in the manifest').toBe(inManifest.length);
  });

  it('holds no document twice (blanks aside)', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const entry of entries) {
      const key = normalised(folderFiles[entry.file] ?? '');
      const first = seen.get(key);
      if (first === undefined) seen.set(key, entry.file);
      else duplicates.push(`${entry.file} repeats ${first}`);
    }
    expect(duplicates).toEqual([]);
  });

  it('names the exact source of every document', () => {
    const wrong = entries
      .filter(
        (entry) =>
          !/^[0-9a-f]{40}$/.test(entry.source.commit) ||
          !entry.source.url.startsWith(
            `https://github.com/${entry.source.repo}/blob/${entry.source.commit}/`,
          ) ||
          !/^[a-z0-9-]+\/[a-z0-9._-]+\.xml$/.test(entry.file),
      )
      .map((entry) => entry.file);
    expect(wrong).toEqual([]);
  });
});

describe.each(entries)('$file', (entry) => {
  it(`gives the errors ${entry.platform} gives (${entry.expect.errors.join(', ') || 'none'})`, () => {
    const text = folderFiles[entry.file];
    expect(text, `${entry.file} is listed in the manifest but is not in corpus/`).toBeTypeOf('string');
    const { diagnostics } = parseRcml(text ?? '', { profile: entry.dialect });
    const errorCodes = sortedUnique(
      diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => diagnostic.code),
    );
    expect(errorCodes, mismatchReport(entry, diagnostics)).toEqual(sortedUnique(entry.expect.errors));
  });
});
