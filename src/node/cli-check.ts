/// <reference types="node" />
// `rcml-sandbox check FILE…|-`: each document's diagnostics, as compilers print theirs.
import { parseRcml } from '../rcml/parse.ts';
import type { Diagnostic } from '../rcml/types.ts';
import {
  flag,
  parseCommandLine,
  parseDialect,
  stringOption,
  UsageError,
  type OptionSpec,
} from './cli-args.ts';
import { readTextInput, type CliIo } from './cli-io.ts';

export const CHECK_USAGE = `Usage: rcml-sandbox check [options] FILE…|-

Parses each RCML document as the sandbox does before a call and prints its
diagnostics, one a line:
  FILE:LINE:COLUMN: error|warning CODE MESSAGE
A FILE of - reads a document from standard input (named - in the output).

Options:
  --dialect D   restcomm (default), restcomm-connect or twilio
  --json        print [{ "file", "diagnostics": [{ "severity", "code", "message",
                "line", "column" }] }] instead
  -h, --help    show this help

Exit status: 0 no document has an error (warnings allowed); 1 a document has
an error; 2 a usage error, or a file that cannot be read.
`;

const OPTIONS: OptionSpec = {
  dialect: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface CheckedFile {
  file: string;
  diagnostics: Diagnostic[];
}

/** `FILE:LINE:COLUMN: error|warning CODE MESSAGE`, on one line whatever the message holds. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const message = diagnostic.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return `${file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity} ${diagnostic.code} ${message}`;
}

export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine(args, OPTIONS);
  if (flag(line, 'help')) {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }
  const profile = parseDialect(stringOption(line, 'dialect'));
  if (line.positionals.length === 0) throw new UsageError('name at least one FILE (or - for standard input)');
  if (line.positionals.filter((file) => file === '-').length > 1) {
    throw new UsageError('standard input (-) can be read only once');
  }
  const checked: CheckedFile[] = [];
  let unreadable = false;
  for (const file of line.positionals) {
    let text: string;
    try {
      text = await readTextInput(file, io);
    } catch (error) {
      io.stderr.write(`rcml-sandbox check: ${(error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    checked.push({ file, diagnostics: parseRcml(text, { profile }).diagnostics });
  }
  if (flag(line, 'json')) {
    io.stdout.write(`${JSON.stringify(checked, null, 2)}\n`);
  } else {
    for (const { file, diagnostics } of checked) {
      for (const diagnostic of diagnostics) io.stdout.write(`${formatDiagnostic(file, diagnostic)}\n`);
    }
  }
  if (unreadable) return 2;
  return checked.some(({ diagnostics }) => diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
