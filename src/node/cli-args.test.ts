import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseKeys, parseSeconds, parseWholeNumber, UsageError } from './cli-args.ts';

const OPTIONS = {
  audio: { type: 'string' as const },
  live: { type: 'string' as const, multiple: true },
  json: { type: 'boolean' as const },
  help: { type: 'boolean' as const, short: 'h' },
};

describe('parseCommandLine', () => {
  it('reads options, repeated options and operands, - and everything after -- as operands', () => {
    const line = parseCommandLine(
      ['doc.xml', '--audio', 'a.wav', '--live=http://a', '--live', 'http://b', '--json', '-', '--', '--x'],
      OPTIONS,
    );
    expect(line.values).toEqual({ audio: 'a.wav', live: ['http://a', 'http://b'], json: true });
    expect(line.positionals).toEqual(['doc.xml', '-', '--x']);
    expect(parseCommandLine(['-h'], OPTIONS).values).toEqual({ help: true });
  });

  it.each([
    [['--nope'], 'unknown option --nope'],
    [['-x'], 'unknown option -x'],
    [['--audio'], '--audio needs a value'],
    [['--audio', '--json'], '--audio needs a value (got the option --json)'],
    [['--json=yes'], '--json takes no value'],
    [['--audio', 'a', '--audio', 'b'], '--audio is given twice'],
  ])('refuses %j in one line: %s', (args, message) => {
    expect(() => parseCommandLine(args, OPTIONS)).toThrow(new UsageError(message));
  });
});

describe('parseKeys', () => {
  it('reads SECONDS:KEY pairs separated by commas', () => {
    expect(parseKeys('4.5:#,7:1')).toEqual([
      [4.5, '#'],
      [7, '1'],
    ]);
    expect(parseKeys(' 0:* , .25:D ')).toEqual([
      [0, '*'],
      [0.25, 'D'],
    ]);
  });

  it.each([
    ['', '--keys needs at least one SECONDS:KEY, e.g. --keys 4.5:#'],
    ['4.5#', '--keys: "4.5#" is not SECONDS:KEY (e.g. 4.5:# or 7:1, separated by commas)'],
    ['x:1', '--keys: "x" in "x:1" is not a number of seconds ≥ 0'],
    ['-1:1', '--keys: "-1" in "-1:1" is not a number of seconds ≥ 0'],
    ['1:12', '--keys: "12" in "1:12" is not one DTMF key (0-9, *, #, A-D)'],
    ['1:e', '--keys: "e" in "1:e" is not one DTMF key (0-9, *, #, A-D)'],
  ])('refuses %j', (text, message) => {
    expect(() => parseKeys(text)).toThrow(new UsageError(message));
  });
});

describe('numbers', () => {
  it('reads seconds and whole numbers, and says what is wrong with others', () => {
    expect(parseSeconds('--hangup', '30')).toBe(30);
    expect(parseSeconds('--hangup', '0.5')).toBe(0.5);
    expect(() => parseSeconds('--hangup', '1e3')).toThrow(
      '--hangup must be a number of seconds ≥ 0, got "1e3"',
    );
    expect(() => parseSeconds('--max-seconds', '0', { positive: true })).toThrow(
      '--max-seconds must be a number of seconds > 0, got "0"',
    );
    expect(parseWholeNumber('--port', '0', 0, 65535)).toBe(0);
    expect(() => parseWholeNumber('--port', '70000', 0, 65535)).toThrow(
      '--port must be a whole number from 0 to 65535, got "70000"',
    );
    expect(() => parseWholeNumber('--port', '80.5', 0, 65535)).toThrow(/got "80.5"/);
  });
});
