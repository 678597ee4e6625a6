import { test, expect } from 'rcml-record-sandbox/playwright';

test('the caller presses 1 in the menu, then leaves a message ended with #', async ({ sandbox }) => {
  await sandbox.open({
    rcml: `<Response>
  <Gather action="/menu" numDigits="1" timeout="8">
    <Say>Press 1 to leave a message.</Say>
  </Gather>
  <Say>No key was pressed. Goodbye.</Say>
</Response>`,
    rules: [
      {
        url: '/menu',
        method: 'POST',
        body: '<Response><Say>Leave a message.</Say><Record action="/handle-recording" maxLength="20" finishOnKey="#"/></Response>',
      },
      { url: '/handle-recording', body: '<Response><Say>Thank you.</Say><Hangup/></Response>' },
    ],
  });

  // The caller talks from the moment the message records.
  const call = await sandbox.startCall({ caller: { file: 'fixtures/message.wav', starts: 'record' } });
  // The menu is up once the document has been answered: press 1 during its prompt.
  await expect.poll(async () => (await call.requests())[0]?.status).toBe(200);
  await call.press('1');
  await call.waitForRecording({ recordedSeconds: 3 });
  await call.press('#');
  expect(await call.ended()).toBe('the RCML hung up (<Hangup>)');

  const requests = await call.requests();
  expect(requests.map((r) => r.purpose)).toEqual(['document', 'gather-action', 'record-action']);
  expect(requests[1]?.url).toBe('https://app.example.com/menu');
  expect(requests[1]?.params.Digits).toBe('1');
  expect(requests[2]?.params.Digits).toBe('#');
  const [recording] = await call.recordings();
  expect(recording?.reason).toBe('finishOnKey');
  expect(recording?.durationSeconds).toBeGreaterThan(2.5);
  // The recording holds the caller's voice.
  expect(Math.max(...(recording?.samples ?? []).map(Math.abs))).toBeGreaterThan(1000);
});
