/** X-Twilio-Signature (SPEC §7) checked by Twilio's own helper library, as the developer's app would. */
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { simulateCall, type SimulatedRequest } from './simulate.ts';
import { rcml, routes } from './test-support.ts';

const AUTH_TOKEN = '12345678901234567890123456789012';
const DOCUMENT_URL = 'http://127.0.0.1:3000/voice.xml?tenant=acme&lang=en';

function validates(request: SimulatedRequest | undefined, token = AUTH_TOKEN): boolean {
  if (request === undefined) return false;
  const signature = request.headers['X-Twilio-Signature'] ?? '';
  // For a GET Twilio signs the URL alone (its query holds the parameters); for a POST, the form too.
  const params = request.method === 'GET' ? {} : request.params;
  return twilio.validateRequest(token, signature, request.url, params);
}

async function signedCall() {
  return simulateCall({
    profile: 'twilio',
    documentUrl: DOCUMENT_URL,
    authToken: AUTH_TOKEN,
    rcml: rcml(
      '<Record action="/save?step=2&amp;x=a%20b" method="GET" maxLength="3" recordingStatusCallback="/status?k=1" transcribeCallback="/text"/>',
    ),
    input: { speech: [[0, 10]] },
    transcripts: () => 'hello & goodbye',
    respond: routes({ '/save': rcml('<Redirect>/next?n=1</Redirect>'), '/next': rcml('<Hangup/>') }),
  });
}

describe("X-Twilio-Signature against twilio's validateRequest", () => {
  it('accepts the POST of the document (a URL with a port and a query) and every later request', async () => {
    const call = await signedCall();
    expect(call.requests.map((r) => [r.method, r.purpose])).toEqual([
      ['POST', 'document'],
      ['GET', 'record-action'],
      ['POST', 'recording-status'],
      ['POST', 'transcription'],
      ['POST', 'redirect'],
    ]);
    expect(call.requests[0]?.url).toBe(DOCUMENT_URL);
    for (const request of call.requests) {
      expect(request.headers['X-Twilio-Signature'], `${request.method} ${request.url}`).toMatch(
        /^[A-Za-z0-9+/]{27}=$/,
      );
      expect(validates(request), `${request.method} ${request.url}`).toBe(true);
    }
  });

  it('accepts the GET, whose query carries the call parameters after the URL’s own', async () => {
    const call = await signedCall();
    const get = call.requests[1];
    expect(get?.url.startsWith('http://127.0.0.1:3000/save?step=2&x=a+b&CallSid=')).toBe(true);
    expect(validates(get)).toBe(true);
  });

  it('is refused for another token, another URL or other parameters (the test can fail)', async () => {
    const call = await signedCall();
    const post = call.requests[0];
    const get = call.requests[1];
    expect(validates(post, 'another-token-another-token-1234')).toBe(false);
    expect(validates(post && { ...post, url: 'http://127.0.0.1:3001/voice.xml?tenant=acme&lang=en' })).toBe(
      false,
    );
    expect(validates(post && { ...post, params: { ...post.params, CallStatus: 'completed' } })).toBe(false);
    expect(validates(get && { ...get, url: get.url.replace('step=2', 'step=3') })).toBe(false);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)('%s: no signature', async (profile) => {
    const call = await simulateCall({ profile, rcml: rcml('<Hangup/>'), authToken: AUTH_TOKEN });
    expect(call.requests[0]?.headers).not.toHaveProperty('X-Twilio-Signature');
  });
});
