/// <reference types="node" />
// Reading `rcml-sandbox`'s command lines: node:util's parseArgs finds the options, and every mistake
// becomes a UsageError whose one-line message says what is wrong (exit status 2).
import { parseArgs } from 'node:util';
import { PROFILE_NAMES, type ProfileName } from '../rcml/types.ts';

/** A mistake on the command line (or in a file it names): reported in one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input named on the command line that cannot be read or understood: exit status 2, no help hint. */
export class InputError extends UsageError {
  override name = 'InputError';
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export interface CommandLine {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * The options and operands of `args` for a command that takes `options`. parseArgs runs in its lenient
 * mode with tokens, and each token is checked here, so that the message can name the option as typed: an
 * unknown option, a value missing (or one that is the next option), a value given to a flag. A lone `-`
 * is an operand (standard input); everything after `--` is an operand.
 */
export function parseCommandLine(args: readonly string[], options: OptionSpec): CommandLine {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: CommandLine['values'] = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) throw new UsageError(`unknown option ${token.rawName}`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined) throw new UsageError(`${token.rawName} needs a value`);
    if (!token.inlineValue && value.startsWith('-') && value !== '-' && !/^-\d/.test(value)) {
      throw new UsageError(`${token.rawName} needs a value (got the option ${value})`);
    }
    if (spec.multiple) {
      const list = (values[token.name] as string[] | undefined) ?? [];
      list.push(value);
      values[token.name] = list;
    } else {
      if (values[token.name] !== undefined) throw new UsageError(`${token.rawName} is given twice`);
      values[token.name] = value;
    }
  }
  return { values, positionals };
}

export function stringOption(line: CommandLine, name: string): string | undefined {
  const value = line.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(line: CommandLine, name: string): string[] {
  const value = line.values[name];
  return Array.isArray(value) ? value : [];
}

export function flag(line: CommandLine, name: string): boolean {
  return line.values[name] === true;
}

/** `--dialect`: one of the profiles' names (default restcomm). */
export function parseDialect(value: string | undefined): ProfileName {
  if (value === undefined) return 'restcomm';
  if ((PROFILE_NAMES as readonly string[]).includes(value)) return value as ProfileName;
  throw new UsageError(`--dialect must be one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(value)}`);
}

/** A number of seconds ≥ 0 (`--hangup 30`, `--max-seconds 120`), written as a plain decimal number. */
export function parseSeconds(option: string, value: string, { positive = false } = {}): number {
  const seconds = /^\s*\d+(\.\d+)?\s*$|^\s*\.\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || (positive && seconds === 0)) {
    throw new UsageError(
      `${option} must be a number of seconds ${positive ? '> 0' : '≥ 0'}, got ${JSON.stringify(value)}`,
    );
  }
  return seconds;
}

/** A whole number in `min`…`max` (`--port 0`, `--timeout-ms 5000`). */
export function parseWholeNumber(option: string, value: string, min: number, max: number): number {
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(
      `${option} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

const DTMF_KEY = /^[0-9*#A-D]$/;

/**
 * `--keys 4.5:#,7:1`: keys the caller presses, each `SECONDS:KEY` on the call clock, separated by
 * commas (blanks around them allowed). Keys are 0-9, *, #, A-D.
 */
export function parseKeys(value: string): [number, string][] {
  if (value.trim() === '') throw new UsageError('--keys needs at least one SECONDS:KEY, e.g. --keys 4.5:#');
  return value.split(',').map((entry) => {
    const match = /^\s*([^:\s]*)\s*:\s*(\S*)\s*$/.exec(entry);
    if (!match) {
      throw new UsageError(
        `--keys: ${JSON.stringify(entry.trim())} is not SECONDS:KEY (e.g. 4.5:# or 7:1, separated by commas)`,
      );
    }
    const [, at = '', key = ''] = match;
    const seconds = /^\d+(\.\d+)?$|^\.\d+$/.test(at) ? Number(at) : NaN;
    if (!Number.isFinite(seconds)) {
      throw new UsageError(
        `--keys: ${JSON.stringify(at)} in ${JSON.stringify(entry.trim())} is not a number of seconds ≥ 0`,
      );
    }
    if (!DTMF_KEY.test(key)) {
      throw new UsageError(
        `--keys: ${JSON.stringify(key)} in ${JSON.stringify(entry.trim())} is not one DTMF key (0-9, *, #, A-D)`,
      );
    }
    return [seconds, key];
  });
}

/**
 * `--speech 0.5-3.2,5-6`: intervals in which the scripted caller speaks, each `START-END` in seconds on
 * the call clock, separated by commas.
 */
export function parseSpeech(value: string): [number, number][] {
  if (value.trim() === '') throw new UsageError('--speech needs at least one START-END, e.g. --speech 0.5-3');
  return value.split(',').map((entry) => {
    const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*-\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(entry);
    if (!match) {
      throw new UsageError(
        `--speech: ${JSON.stringify(entry.trim())} is not START-END in seconds (e.g. 0.5-3, separated by commas)`,
      );
    }
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (end < start) {
      throw new UsageError(`--speech: ${JSON.stringify(entry.trim())} ends before it starts`);
    }
    return [start, end];
  });
}
