import { describe, expect, it } from 'vitest';
import { paramsAsJson, shellQuote, toCurl } from './request-export.ts';

describe('request export', () => {
  it('a POST becomes a curl command with its form body and headers, quoted for the shell', () => {
    const curl = toCurl({
      method: 'POST',
      url: 'https://app.example.com/handle-recording',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: "Digits=%23&CallerName=O'Brien",
      params: {},
    });
    expect(curl).toBe(
      "curl -X POST 'https://app.example.com/handle-recording' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'Digits=%23&CallerName=O'\\''Brien'",
    );
  });

  it('a GET has no body', () => {
    expect(
      toCurl({ method: 'GET', url: 'https://a.test/r?Digits=1', headers: {}, body: null, params: {} }),
    ).toBe("curl -X GET 'https://a.test/r?Digits=1'");
  });

  it('shell quoting survives every character', () => {
    expect(shellQuote(`a'b"c$d\`e\\f`)).toBe(`'a'\\''b"c$d\`e\\f'`);
  });

  it('parameters as JSON', () => {
    expect(
      JSON.parse(paramsAsJson({ method: 'GET', url: '', headers: {}, body: null, params: { Digits: '#' } })),
    ).toEqual({
      Digits: '#',
    });
  });
});
