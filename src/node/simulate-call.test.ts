import { describe, expect, it } from 'vitest';
import { simulateCall } from './simulate-call.ts';

describe('simulateCall in Node', () => {
  it('a respond that never answers is an 11200 after the HTTP timeout, and the call ends', async () => {
    const started = performance.now();
    const call = await simulateCall({
      rcml: '<Response><Redirect>/never</Redirect></Response>',
      respond: () => new Promise(() => undefined),
      httpTimeoutSeconds: 0.2,
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(call.endReason).toBe('http-error');
    expect(call.notifications).toMatchObject([
      { code: 11200, message: expect.stringContaining('no response within 0.2 s') },
    ]);
  });
});
