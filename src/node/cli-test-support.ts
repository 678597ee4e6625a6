/// <reference types="node" />
// A fake process for running `rcml-sandbox` in-process in tests: captured output, scripted standard
// input, and a stop signal the test gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli.ts';
import type { CliIo } from './cli-io.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeIoOptions {
  stdin?: string;
  stderrIsTTY?: boolean;
  env?: Record<string, string | undefined>;
  /** Resolves when `serve` should stop (default: at once). */
  untilStopped?: () => Promise<void>;
}

export function fakeIo(options: FakeIoOptions = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text) => void out.push(text), isTTY: false },
    stderr: { write: (text) => void err.push(text), isTTY: options.stderrIsTTY ?? false },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    env: options.env ?? {},
    untilStopped: options.untilStopped ?? (() => Promise.resolve()),
  };
}

/** `rcml-sandbox ARGS…` in-process. */
export async function runCli(args: string[], options: FakeIoOptions = {}): Promise<CliRun> {
  const io = fakeIo(options);
  const code = await main(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** A temporary directory with `files` in it; `remove` deletes it. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'rcml-sandbox-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
