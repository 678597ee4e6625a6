// Type-checked (npm run typecheck), not run: both entry points of the installed package, as a user's
// TypeScript sees them.
import { BEEP_SECONDS, PROFILES, parseRcml, simulateCall, type SimulatedCall } from 'rcml-record-sandbox';
import { expect, sandboxChromiumArgs, test, type SandboxRequest } from 'rcml-record-sandbox/playwright';

export async function voicemail(): Promise<SimulatedCall> {
  const { diagnostics } = parseRcml('<Response><Record action="/voicemail"/></Response>', {
    profile: 'twilio',
  });
  if (diagnostics.length > 0) throw new Error(diagnostics[0]!.message);
  const call = await simulateCall({
    rcml: '<Response><Record action="/voicemail" finishOnKey="#"/></Response>',
    input: { speech: [[1, 3]], keys: [[4, '#']] },
  });
  const seconds: number = call.recordings[0]!.durationSeconds + BEEP_SECONDS;
  return seconds > 0 && PROFILES.twilio.signsRequests ? call : call;
}

export const args: string[] = sandboxChromiumArgs('/tmp/caller.wav');

test('types of the kit', async ({ sandbox }) => {
  await sandbox.open({
    rcml: '<Response/>',
    rules: [{ url: '/x', body: '' }],
    settings: { profile: 'twilio' },
  });
  const call = await sandbox.startCall({ caller: { file: 'fixtures/caller.wav', starts: 'call' } });
  await call.waitForRecording({ recordedSeconds: 1, timeoutMs: 5000 });
  await call.press('1');
  await call.hangup();
  const reason: string = await call.ended();
  const requests: SandboxRequest[] = await call.requests();
  const [recording] = await call.recordings();
  const samples: Int16Array | undefined = recording?.samples;
  const wav: Buffer | undefined = recording?.wav;
  expect(reason && requests.length && samples && wav).toBeTruthy();
});
