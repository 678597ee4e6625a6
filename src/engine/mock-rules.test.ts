import { describe, expect, it } from 'vitest';
import {
  CATCH_ALL_RULE,
  findRule,
  globMatches,
  normalizeRules,
  renderTemplate,
  ruleMatches,
  ruleTranscript,
  ruleWarnings,
  type MockRule,
} from './mock-rules.ts';

const rule = (patch: Partial<MockRule>): MockRule => ({ ...CATCH_ALL_RULE, id: 'r', ...patch });
const url = (href: string) => new URL(href);

describe('rule matching', () => {
  it('the catch-all answers any method on any origin', () => {
    expect(ruleMatches(CATCH_ALL_RULE, 'POST', url('https://app.example.com/handle-recording'))).toBe(true);
    expect(ruleMatches(CATCH_ALL_RULE, 'GET', url('http://other.test:8080/a/b?x=1'))).toBe(true);
  });

  it('exact paths match on any origin, with or without the query', () => {
    const r = rule({ pattern: '/handle-recording', match: 'exact' });
    expect(ruleMatches(r, 'POST', url('https://app.example.com/handle-recording'))).toBe(true);
    expect(ruleMatches(r, 'GET', url('https://elsewhere.test/handle-recording?Digits=1'))).toBe(true);
    expect(ruleMatches(r, 'POST', url('https://app.example.com/handle-recording/2'))).toBe(false);
    expect(ruleMatches(r, 'POST', url('https://app.example.com/handle'))).toBe(false);
  });

  it('a pattern with an origin matches only that origin', () => {
    const r = rule({ pattern: 'https://api.test/next', match: 'exact' });
    expect(ruleMatches(r, 'POST', url('https://api.test/next'))).toBe(true);
    expect(ruleMatches(r, 'POST', url('https://app.example.com/next'))).toBe(false);
  });

  it('prefix and glob', () => {
    const prefix = rule({ pattern: '/voice/', match: 'prefix' });
    expect(ruleMatches(prefix, 'POST', url('https://a.test/voice/step-2'))).toBe(true);
    expect(ruleMatches(prefix, 'POST', url('https://a.test/voicemail'))).toBe(false);
    const glob = rule({ pattern: 'https://*.test/r/*.xml', match: 'glob' });
    expect(ruleMatches(glob, 'GET', url('https://api.test/r/a.xml'))).toBe(true);
    expect(ruleMatches(glob, 'GET', url('https://api.test/r/a.json'))).toBe(false);
  });

  it('method filters, and the first matching rule in order wins', () => {
    const get = rule({ id: 'get', pattern: '/a', match: 'exact', method: 'GET' });
    const post = rule({ id: 'post', pattern: '/a', match: 'exact', method: 'POST' });
    expect(findRule([get, post, CATCH_ALL_RULE], 'post', url('https://x.test/a'))?.id).toBe('post');
    expect(findRule([get, post, CATCH_ALL_RULE], 'GET', url('https://x.test/a'))?.id).toBe('get');
    expect(findRule([CATCH_ALL_RULE, get], 'GET', url('https://x.test/a'))?.id).toBe('catch-all');
    expect(findRule([get, post], 'GET', url('https://x.test/b'))).toBeNull();
  });
});

describe('templates', () => {
  it('echo request parameters, escaped for XML', () => {
    const body = '<Response><Say>You pressed {{Digits}}</Say><Play>{{ RecordingUrl }}</Play></Response>';
    expect(renderTemplate(body, { Digits: '#', RecordingUrl: 'https://a.test/r.wav?a=1&b=2' })).toBe(
      '<Response><Say>You pressed #</Say><Play>https://a.test/r.wav?a=1&#38;b=2</Play></Response>',
    );
  });

  it('unknown names become empty', () => {
    expect(renderTemplate('<Say>{{Nope}}</Say>', {})).toBe('<Say></Say>');
  });
});

describe('rules from anywhere are checked on the way in', () => {
  it('every field: a bad value falls back to its default, never reaching the server', () => {
    const [rule] = normalizeRules([
      {
        id: 'r',
        pattern: 42,
        body: { not: 'text' },
        status: '500',
        contentType: 'text/xml\r\nX-Injected: 1',
        delayMs: 2 ** 31,
        method: 'DELETE',
      },
    ]);
    expect(rule).toMatchObject({
      pattern: '*',
      body: '',
      status: 200,
      contentType: 'text/xml',
      delayMs: 0,
      method: 'ANY',
    });
    expect(normalizeRules([{ contentType: 'text/xml; charset=ütf-8' }])[0]?.contentType).toBe('text/xml');
    expect(normalizeRules([{ contentType: 'application/xml; charset=utf-8' }])[0]?.contentType).toBe(
      'application/xml; charset=utf-8',
    );
    expect(normalizeRules('nonsense')).toEqual([CATCH_ALL_RULE]);
  });

  it('makes ids unique, so deleting or moving one rule never touches another', () => {
    const rules = normalizeRules([
      { id: 'same', pattern: '/a' },
      { id: 'same', pattern: '/b' },
      { id: 'same', pattern: '/c' },
      { pattern: '/d' },
    ]);
    expect(rules.map((r) => r.id)).toEqual(['same', 'same-2', 'same-3', 'rule-4']);
  });

  it('audio answers: a tone in range, a file that is base64, anything else dropped', () => {
    const [tone, file, bad] = normalizeRules([
      { audio: { kind: 'tone', frequencyHz: 440, seconds: 2 } },
      { audio: { kind: 'file', fileName: 'x.wav', dataBase64: 'UklGRg==' } },
      { audio: { kind: 'tone', frequencyHz: 440, seconds: 1e9 } },
    ]);
    expect(tone?.audio).toEqual({ kind: 'tone', frequencyHz: 440, seconds: 2 });
    expect(file?.audio).toMatchObject({ kind: 'file', fileName: 'x.wav' });
    expect(bad?.audio).toBeUndefined();
  });

  it('a transcript is text of at most 10,000 characters; anything else is dropped', () => {
    const [kept, number, long] = normalizeRules([
      { transcript: 'Call me back' },
      { transcript: 42 },
      { transcript: 'x'.repeat(10_001) },
    ]);
    expect(kept?.transcript).toBe('Call me back');
    expect(number?.transcript).toBeUndefined();
    expect(long?.transcript).toBeUndefined();
  });
});

describe('ruleTranscript', () => {
  it('is the transcript of the first rule that would answer the callback POST, else null', () => {
    const rules = [
      rule({ id: 'get', pattern: '/transcribed', match: 'exact', method: 'GET', transcript: 'no: GET only' }),
      rule({ id: 't', pattern: '/transcribed', match: 'exact', method: 'POST', transcript: 'Call me back' }),
      rule({ id: 'other', pattern: '/other', match: 'exact' }),
      CATCH_ALL_RULE,
    ];
    expect(ruleTranscript(rules, 'https://app.example.com/transcribed')).toBe('Call me back');
    expect(ruleTranscript(rules, 'https://app.example.com/other')).toBeNull();
    expect(ruleTranscript(rules, 'https://app.example.com/nowhere')).toBeNull(); // the catch-all has none
    expect(ruleTranscript(rules, 'not a url')).toBeNull();
  });
});

describe('templates never throw', () => {
  it('read only the request’s own parameters: {{constructor}} and {{toString}} are empty', () => {
    expect(renderTemplate('<Say>{{constructor}}{{toString}}{{hasOwnProperty}}</Say>', {})).toBe(
      '<Say></Say>',
    );
  });

  it('turn values that are not strings into text', () => {
    expect(renderTemplate('{{A}} {{B}} {{C}}', { A: 42, B: null, C: { x: 1 } })).toBe('42  [object Object]');
  });
});

describe('globMatches', () => {
  it('matches * as any run of characters, and nothing else as special', () => {
    expect(globMatches('/a/*/c', '/a/b/x/c')).toBe(true);
    expect(globMatches('/a/*.xml', '/a/b.json')).toBe(false);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('a?b', 'a?b')).toBe(true);
    expect(globMatches('a?b', 'axb')).toBe(false);
    expect(globMatches('*ab*ab*', 'xabyab')).toBe(true);
    expect(globMatches('*ab*ab*', 'xab')).toBe(false);
    expect(globMatches('ab*ba', 'aba')).toBe(false);
  });

  it('a pattern of many stars against a long subject that does not match returns at once', () => {
    const pattern = '*a*a*a*a*a*a*a*a*a*a*b';
    const subject = 'a'.repeat(20_000);
    expect(globMatches(pattern, subject)).toBe(false);
    // A backtracking regular expression takes seconds here; this is linear for each star.
    const rule = { ...CATCH_ALL_RULE, pattern, match: 'glob' as const };
    expect(ruleMatches(rule, 'GET', new URL(`https://x.test/${subject}`))).toBe(false);
  });
});

describe('ruleWarnings', () => {
  it('says what is likely a mistake: a path without /, a parameter in the wrong case, a content type typo', () => {
    const rule = {
      ...CATCH_ALL_RULE,
      pattern: 'handle-recording',
      body: '<Say>{{digits}} {{Nope}}</Say>',
      contentType: 'text/xlm',
    };
    expect(ruleWarnings(rule)).toEqual([
      'The pattern “handle-recording” never matches: a path starts with / (or give a full URL). Did you mean “/handle-recording”?',
      '{{digits}} is always empty: parameter names are case-sensitive. Did you mean {{Digits}}?',
      '{{Nope}} is not a parameter the sandbox sends: it becomes empty.',
      '“text/xlm” is not a content type the call reads. Did you mean text/xml?',
    ]);
    expect(ruleWarnings(CATCH_ALL_RULE)).toEqual([]);
  });
});
