import { describe, expect, test } from 'vitest';
import { decodePermalinkHash } from '../browser/permalink.ts';
import { CATCH_ALL_RULE, findRule } from '../engine/mock-rules.ts';
import { toMockRules, workspaceHash } from './workspace-link.ts';

const RCML = '<Response><Record action="/handle-recording" finishOnKey="#"/></Response>';

describe("the kit's workspace link", () => {
  test('the app opens it as written: the document, the rules filled in, the catch-all last', () => {
    const hash = workspaceHash({
      rcml: RCML,
      rules: [{ url: '/handle-recording', body: '<Response><Hangup/></Response>' }],
      settings: { profile: 'twilio' },
    });
    const workspace = decodePermalinkHash(hash);
    if (workspace === null || workspace instanceof Error) throw new Error(`not read: ${String(workspace)}`);
    expect(workspace.rcml).toBe(RCML);
    expect(workspace.settings.profile).toBe('twilio');
    expect(workspace.settings.documentUrl).toBe('https://app.example.com/voice.xml');
    expect(workspace.rules).toEqual([
      {
        id: 'rule-1',
        name: '',
        pattern: '/handle-recording',
        match: 'exact',
        method: 'ANY',
        status: 200,
        contentType: 'text/xml',
        body: '<Response><Hangup/></Response>',
        delayMs: 0,
      },
      CATCH_ALL_RULE,
    ]);
  });

  test('a rule for the path answers it on any origin, with or without a query; the catch-all the rest', () => {
    const rules = toMockRules([{ url: '/handle-recording', body: 'mine' }]);
    expect(findRule(rules, 'POST', new URL('https://app.example.com/handle-recording'))?.body).toBe('mine');
    expect(findRule(rules, 'GET', new URL('https://other.test/handle-recording?Digits=1'))?.body).toBe(
      'mine',
    );
    expect(findRule(rules, 'POST', new URL('https://app.example.com/other'))?.id).toBe('catch-all');
  });

  test('a rule of its own for `*` replaces the catch-all; a url with a `*` is a glob', () => {
    const rules = toMockRules([
      { url: '/menu/*', body: 'menu' },
      { url: '*', status: 404, body: 'nothing here' },
    ]);
    expect(rules.map((r) => [r.pattern, r.match])).toEqual([
      ['/menu/*', 'glob'],
      ['*', 'glob'],
    ]);
    expect(findRule(rules, 'GET', new URL('https://app.example.com/menu/1'))?.body).toBe('menu');
    expect(findRule(rules, 'GET', new URL('https://app.example.com/x'))?.status).toBe(404);
  });

  test('a rule without a url is refused with a message that says which', () => {
    expect(() => toMockRules([{ url: '/a' }, { body: 'x' } as never])).toThrow(
      /rules\[1\] has no url: every rule needs the URL \(or path\) it answers/,
    );
  });
});
