import { test, expect } from 'rcml-record-sandbox/playwright';

test('a voicemail ends when the caller presses #', async ({ sandbox }) => {
  await sandbox.open({
    rcml: `<Response>
  <Say>Leave a message after the beep. Press pound when you are done.</Say>
  <Record action="/handle-recording" finishOnKey="#" maxLength="30"/>
</Response>`,
    rules: [{ url: '/handle-recording', body: '<Response><Hangup/></Response>' }],
  });

  const call = await sandbox.startCall({ caller: { file: 'fixtures/caller.wav', starts: 'record' } });
  await call.waitForRecording({ recordedSeconds: 2 });
  await call.press('#');
  expect(await call.ended()).toBe('the RCML hung up (<Hangup>)');

  const action = (await call.requests()).find((r) => r.purpose === 'record-action');
  expect(action?.url).toBe('https://app.example.com/handle-recording');
  expect(action?.params.Digits).toBe('#');
  const [recording] = await call.recordings();
  expect(recording?.reason).toBe('finishOnKey');
  expect(recording?.durationSeconds).toBeGreaterThan(1);
});
