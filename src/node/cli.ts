/// <reference types="node" />
// `rcml-sandbox`: check RCML documents, run calls in Node, serve the app. `main` takes the arguments and
// the process's I/O and returns the exit status, so that tests run it in-process; `run` is what
// bin/rcml-sandbox.js calls.
import { readFileSync } from 'node:fs';
import { errorMessage } from '../rcml/error-message.ts';
import { InputError, UsageError } from './cli-args.ts';
import { runCheck } from './cli-check.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { runServe } from './cli-serve.ts';
import { runSimulate } from './cli-simulate.ts';

export type { CliIo, CliOutput } from './cli-io.ts';

export const USAGE = `Usage: rcml-sandbox COMMAND [options]

Commands:
  check FILE…|-      print the diagnostics of RCML documents
                     (FILE:LINE:COLUMN: error|warning CODE MESSAGE)
  simulate DOC.xml   run a call in Node and print its timeline; --audio caller.wav
                     plays a WAV as the caller, --out DIR writes the recordings
  serve              serve the sandbox app and its server on loopback

Options:
  -h, --help         show this help; rcml-sandbox COMMAND --help shows a command's
  -v, --version      print the version

Exit status: 0 success; 1 a document has an error (check), the call ended in
an error (simulate), or the server could not start (serve); 2 a usage error
(bad arguments, or an input file that cannot be read).
`;

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  check: runCheck,
  simulate: runSimulate,
  serve: runServe,
};

/** The package's version (package.json two levels up, from src/node/ or lib/node/). */
export function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs `rcml-sandbox ARGS…` and resolves to its exit status (0, 1 or 2); never rejects. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`rcml-sandbox ${packageVersion()}\n`);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    const what = command.startsWith('-')
      ? `unknown option ${command}`
      : `unknown command ${JSON.stringify(command)}`;
    io.stderr.write(`rcml-sandbox: ${what} (commands: check, simulate, serve; see rcml-sandbox --help)\n`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error instanceof InputError ? '' : ` (see rcml-sandbox ${command} --help)`;
      io.stderr.write(`rcml-sandbox ${command}: ${error.message}${hint}\n`);
      return 2;
    }
    io.stderr.write(`rcml-sandbox ${command}: ${errorMessage(error)}\n`);
    return 1;
  }
}

/** `main` on the real process (what bin/rcml-sandbox.js runs). */
export function run(args: readonly string[] = process.argv.slice(2)): Promise<number> {
  return main(args, processIo());
}
