import { describe, expect, it } from 'vitest';
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
