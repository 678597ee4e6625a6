import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { lzBomb } from './lz-bomb.ts';
import { CATCH_ALL_RULE } from '../engine/mock-rules.ts';
import {
  decodePermalinkHash,
  defaultWorkspace,
  encodePermalinkHash,
  normalizeWorkspace,
  permalinkFor,
} from './permalink.ts';

describe('permalink', () => {
  it('round-trips the document, the rules and the settings', () => {
    const workspace = {
      ...defaultWorkspace(),
      rcml: '<Response><Record action="/x?a=1&amp;b=2" maxLength="7"/></Response>\n',
      rules: [
        { ...CATCH_ALL_RULE, id: 'r1', pattern: '/x', body: '<Response><Say>{{Digits}} ü</Say></Response>' },
      ],
    };
    workspace.settings = { ...workspace.settings, profile: 'twilio' as const, from: '+49 30 123' };
    const link = permalinkFor(workspace, 'https://sandbox.example/app/?q=1#old');
    expect(link.startsWith('https://sandbox.example/app/?q=1#w=')).toBe(true);
    expect(decodePermalinkHash(new URL(link).hash)).toEqual(workspace);
  });

  it('tells a hash without a workspace from a damaged one', () => {
    expect(decodePermalinkHash('')).toBeNull();
    expect(decodePermalinkHash('#request-3')).toBeNull();
    expect(decodePermalinkHash('#w=garbage!!')).toBeInstanceOf(Error);
    const good = encodePermalinkHash(defaultWorkspace());
    expect(decodePermalinkHash(good.slice(0, good.length - 20))).toBeInstanceOf(Error);
  });

  it('replaces bad fields with defaults', () => {
    const restored = normalizeWorkspace({
      rcml: '<Response/>',
      rules: [{ pattern: '/a', status: 9999, method: 'PUT' }, 'nonsense'],
      settings: { profile: 'asterisk', documentUrl: 42, microphone: { echoCancellation: false } },
    });
    expect(restored?.settings.profile).toBe('restcomm');
    expect(restored?.settings.documentUrl).toBe(defaultWorkspace().settings.documentUrl);
    expect(restored?.settings.microphone.echoCancellation).toBe(false);
    expect(restored?.rules).toHaveLength(1);
    expect(restored?.rules[0]).toMatchObject({ pattern: '/a', status: 200, method: 'ANY', match: 'glob' });
    expect(normalizeWorkspace({ rules: [] })).toBeNull();
  });
});

describe('permalinks that could hurt', () => {
  it('never carry the author’s device choices', () => {
    const workspace = defaultWorkspace();
    workspace.settings = {
      ...workspace.settings,
      microphone: { ...workspace.settings.microphone, deviceId: 'abc-my-usb-mic' },
      camera: { ...workspace.settings.camera, deviceId: 'cam-1' },
    };
    const hash = encodePermalinkHash(workspace);
    const opened = decodePermalinkHash(hash);
    if (opened instanceof Error || opened === null) throw new Error('expected a workspace');
    expect(opened.settings.microphone.deviceId).toBeNull();
    expect(opened.settings.camera.deviceId).toBeNull();
    expect(decompressFromEncodedURIComponent(hash.slice(3))).not.toContain('abc-my-usb-mic');
  });

  it('a decompression bomb is refused with a message, quickly, without throwing', () => {
    const bomb = `#w=${lzBomb(35_000)}`;
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    const result = decodePermalinkHash(bomb);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/would expand to more than 2,500,000 characters/);
  });

  it('rules and settings of a link are checked field by field', () => {
    const hash = `#w=${compressToEncodedURIComponent(
      JSON.stringify({
        rcml: '<Response/>',
        rules: [{ id: 'x', contentType: 'a\nb', body: 7, delayMs: 9e15 }, { id: 'x' }],
        settings: {
          liveOrigins: ['http://127.0.0.1:3000/path', 'javascript:alert(1)', 42],
          network: { lossPercent: 99 },
        },
      }),
    )}`;
    const opened = decodePermalinkHash(hash);
    if (opened instanceof Error || opened === null) throw new Error('expected a workspace');
    expect(opened.rules.map((r) => [r.id, r.contentType, r.body, r.delayMs])).toEqual([
      ['x', 'text/xml', '', 0],
      ['x-2', 'text/xml', '', 0],
    ]);
    expect(opened.settings.liveOrigins).toEqual(['http://127.0.0.1:3000']);
    expect(opened.settings.network.lossPercent).toBe(0);
  });
});
