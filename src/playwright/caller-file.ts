import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Who speaks in a call started by the kit: an audio file played into the call, from the call or the first Record. */
export type SandboxCaller = string | { file: string; starts?: 'call' | 'record' };

export interface ResolvedCaller {
  /** Absolute path of the file. */
  path: string;
  starts: 'call' | 'record';
}

/**
 * The caller file of `startCall`, relative paths taken from `baseDir` (the directory of the Playwright
 * config). Throws an Error that names the file as written and where it was looked for.
 */
export function resolveCaller(caller: SandboxCaller, baseDir: string): ResolvedCaller {
  const { file, starts = 'call' } = typeof caller === 'string' ? { file: caller } : caller;
  if (typeof file !== 'string' || file === '') {
    throw new TypeError("startCall: caller needs a file, such as { file: 'fixtures/caller.wav' }");
  }
  if (starts !== 'call' && starts !== 'record') {
    throw new TypeError(`startCall: caller.starts is ${JSON.stringify(starts)}; use 'call' or 'record'`);
  }
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new Error(`caller file ${file} does not exist (looked in ${path})`);
  }
  if (!isFile) throw new Error(`caller file ${file} is not a file (looked in ${path})`);
  return { path, starts };
}
