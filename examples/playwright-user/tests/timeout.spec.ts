import { test, expect } from 'rcml-record-sandbox/playwright';

test('a message ends after two seconds of silence', async ({ sandbox }) => {
  await sandbox.open({
    rcml: `<Response>
  <Record action="/handle-recording" timeout="2" maxLength="30"/>
</Response>`,
    rules: [{ url: '/handle-recording', body: '<Response><Say>Thank you.</Say><Hangup/></Response>' }],
  });

  // The caller speaks for about 2.2 seconds, then says nothing.
  const call = await sandbox.startCall({ caller: { file: 'fixtures/short-message.wav', starts: 'record' } });
  expect(await call.ended()).toBe('the RCML hung up (<Hangup>)');

  const [recording] = await call.recordings();
  expect(recording?.reason).toBe('timeout');
  expect(recording?.digits).toBe('');
  expect(recording?.durationSeconds).toBeGreaterThan(2);
  expect(recording?.durationSeconds).toBeLessThan(8);
  // Its samples are the caller's voice, not silence.
  const peak = recording ? Math.max(...recording.samples.map(Math.abs)) : 0;
  expect(peak).toBeGreaterThan(1000);

  const action = (await call.requests()).find((r) => r.purpose === 'record-action');
  expect(action?.params.RecordingDuration).toBe(String(Math.round(recording?.durationSeconds ?? 0)));
  expect(action?.responseBody).toContain('Thank you.');
});
