import { describe, expect, it } from 'vitest';
import { normalizeRules } from '../engine/mock-rules.ts';
import type { SimulatedRequest } from '../engine/simulate.ts';
import { DEFAULT_RULES, loadRules, rulesResponder } from './cli-respond.ts';

const request = (
  url: string,
  params: Record<string, string> = {},
  method: 'GET' | 'POST' = 'POST',
): SimulatedRequest => ({
  method,
  url,
  params,
  headers: {},
  purpose: 'record-action',
  recordingSid: null,
});

describe('rulesResponder', () => {
  const rules = normalizeRules([
    {
      name: 'Done',
      pattern: '/done',
      match: 'exact',
      method: 'POST',
      body: '<Response><Say>{{Digits}}</Say></Response>',
    },
    { pattern: '/slow', match: 'exact', delayMs: 20_000, body: '<Response/>' },
    {
      pattern: '/tone',
      match: 'exact',
      contentType: 'audio/wav',
      audio: { kind: 'tone', frequencyHz: 440, seconds: 1 },
    },
    {
      pattern: '/sample',
      match: 'exact',
      contentType: 'audio/wav',
      audio: { kind: 'sample', name: 'none.wav' },
    },
    { pattern: '/fail', match: 'prefix', status: 500, contentType: 'text/plain', body: 'oops' },
  ]);
  const responder = rulesResponder(rules, { timeoutMs: 15_000, readSample: () => null });

  it('answers with the first matching rule, its template filled in (escaped for XML)', () => {
    expect(responder.respond(request('https://app.example.com/done', { Digits: '<#>' }))).toMatchObject({
      status: 200,
      contentType: 'text/xml',
      body: '<Response><Say>&#60;#&#62;</Say></Response>',
    });
    expect(responder.respond(request('https://app.example.com/fail/now'))).toMatchObject({
      status: 500,
      body: 'oops',
    });
  });

  it('answers 404 when no rule matches (a GET to a POST-only rule, another path)', () => {
    expect(responder.respond(request('https://app.example.com/done?Digits=1', {}, 'GET'))).toMatchObject({
      status: 404,
      body: 'Not Found',
    });
    expect(responder.respond(request('https://app.example.com/other'))).toMatchObject({ status: 404 });
  });

  it('an audio rule answers the description of its bytes; a sample it cannot find is a network error', () => {
    // 1 s of 8 kHz 16-bit mono: 16,000 bytes of samples and a 44-byte header.
    expect(responder.respond(request('https://app.example.com/tone')).body).toBe('(audio/wav, 16,044 bytes)');
    expect(() => responder.respond(request('https://app.example.com/sample'))).toThrow(
      'the mock rule rule 4 could not answer: the sample none.wav is not available outside the app',
    );
  });

  it('a rule that waits the HTTP timeout or longer does not answer (11200 on the platform)', () => {
    expect(() => responder.respond(request('https://app.example.com/slow'))).toThrow(
      'no response within 15 s (the mock rule rule 2 waits 20000 ms)',
    );
  });

  it('keeps every answer, in order, for the timeline', () => {
    const fresh = rulesResponder(DEFAULT_RULES, { timeoutMs: 15_000 });
    fresh.respond(request('https://app.example.com/a', { X: '1' }));
    expect(fresh.answered).toEqual([
      {
        method: 'POST',
        url: 'https://app.example.com/a',
        params: { X: '1' },
        answer: {
          kind: 'response',
          status: 200,
          contentType: 'text/xml',
          body: '<Response><Hangup/></Response>',
          rule: '“Catch-all”',
        },
      },
    ]);
  });
});

describe('loadRules', () => {
  it('reads an array of rules, or { rules: [...] } (an exported workspace)', () => {
    const rule = { pattern: '/done', body: '<Response/>' };
    expect(loadRules(JSON.stringify([rule]), 'r.json').rules).toMatchObject([
      { pattern: '/done', match: 'glob' },
    ]);
    expect(loadRules(JSON.stringify({ rcml: '', rules: [rule], settings: {} }), 'r.json').rules).toHaveLength(
      1,
    );
  });

  it('warns about entries that are not rules and about likely mistakes, naming the rule', () => {
    const { rules, warnings } = loadRules(
      JSON.stringify([7, { pattern: 'done', body: '{{digits}}' }]),
      'r.json',
    );
    expect(rules).toHaveLength(1);
    expect(warnings).toEqual([
      'r.json: entry 1 is not a rule (an object), ignored',
      'r.json: rule 1: The pattern “done” never matches: a path starts with / (or give a full URL). Did you mean “/done”?',
      'r.json: rule 1: {{digits}} is always empty: parameter names are case-sensitive. Did you mean {{Digits}}?',
    ]);
  });

  it('refuses text that is not JSON, or JSON without rules', () => {
    expect(() => loadRules('[{', 'r.json')).toThrow(/^r\.json is not JSON: /);
    expect(() => loadRules('{"pattern": "/x"}', 'r.json')).toThrow(
      'r.json holds no rules: write an array of rules, or { "rules": [ … ] }',
    );
  });
});
