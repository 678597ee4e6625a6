import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveCaller } from './caller-file.ts';
import { sandboxChromiumArgs, withSandboxArgs } from './chromium-args.ts';

describe('caller files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caller-file-'));
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'fixtures', 'caller.wav'), 'RIFF');

  test('a relative path is read from the base directory; starts defaults to the call', () => {
    expect(resolveCaller('fixtures/caller.wav', dir)).toEqual({
      path: join(dir, 'fixtures', 'caller.wav'),
      starts: 'call',
    });
    expect(resolveCaller({ file: join(dir, 'fixtures/caller.wav'), starts: 'record' }, '/elsewhere')).toEqual(
      {
        path: join(dir, 'fixtures', 'caller.wav'),
        starts: 'record',
      },
    );
  });

  test('a missing file names the path as written and where it was looked for', () => {
    expect(() => resolveCaller('fixtures/x.wav', dir)).toThrow(
      `caller file fixtures/x.wav does not exist (looked in ${join(dir, 'fixtures', 'x.wav')})`,
    );
    expect(() => resolveCaller({ file: 'fixtures' }, dir)).toThrow(/caller file fixtures is not a file/);
    expect(() => resolveCaller({ file: 'fixtures/caller.wav', starts: 'later' as never }, dir)).toThrow(
      /caller.starts is "later"; use 'call' or 'record'/,
    );
  });
});

describe('Chromium flags', () => {
  test('the fake microphone plays the WAV once; flags already given keep their values', () => {
    expect(sandboxChromiumArgs('/tmp/a.wav')).toContain(
      '--use-file-for-fake-audio-capture=/tmp/a.wav%noloop',
    );
    expect(withSandboxArgs(['--autoplay-policy=user-gesture-required', '--mute-audio'])).toEqual([
      '--autoplay-policy=user-gesture-required',
      '--mute-audio',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ]);
  });
});
