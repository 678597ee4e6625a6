/// <reference types="node" />
// What `rcml-sandbox` needs from the process, passed in so that tests run the commands in-process with
// fake streams, standard input and signals.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage } from '../rcml/error-message.ts';
import { InputError } from './cli-args.ts';

export interface CliOutput {
  write(text: string): void;
  /** A terminal: progress is shown only there. */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** All of standard input, as UTF-8 text (for the operand `-`). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM): `serve` then closes. */
  untilStopped(): Promise<void>;
}

/** The real process: its streams, standard input, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: {
      write: (text) => void process.stdout.write(text),
      isTTY: process.stdout.isTTY === true,
    },
    stderr: {
      write: (text) => void process.stderr.write(text),
      isTTY: process.stderr.isTTY === true,
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    untilStopped: () =>
      new Promise<void>((resolveStop) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolveStop();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/**
 * A text file named on the command line (`-`: standard input), as UTF-8 without a byte-order mark.
 * Throws a UsageError that names the file and the problem.
 */
export async function readTextInput(path: string, io: CliIo, what = 'file'): Promise<string> {
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the ${what} ${path}: ${describeFsError(error, path)}`);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `no such file (looked for ${resolve(path)})`;
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return errorMessage(error);
}
