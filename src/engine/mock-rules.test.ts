import { describe, expect, it } from 'vitest';
import { CATCH_ALL_RULE, findRule, renderTemplate, ruleMatches, type MockRule } from './mock-rules.ts';

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
