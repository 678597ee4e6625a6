/**
 * Ready documents with the mock rules that answer their requests and the sample caller that shows their
 * point (public/callers), for the examples gallery. src/node/examples.test.ts runs each one in simulateCall
 * with its caller and checks that its point shows within 20 s.
 */
import { CATCH_ALL_RULE, type MockRule } from './mock-rules.ts';
import type { ProfileName } from '../rcml/types.ts';

/** One of the shipped sample callers (public/callers), and when its file starts. */
export interface ExampleCaller {
  /** The file in public/callers. */
  sample: string;
  /** With the call, or when the first `<Record>` starts recording. */
  starts: 'call' | 'record';
}

export interface Example {
  id: string;
  title: string;
  /** What to do and what to watch for. */
  description: string;
  rcml: string;
  rules: MockRule[];
  profile?: ProfileName;
  /** The sample caller that shows the example's point without anyone speaking (SPEC §9). */
  caller?: ExampleCaller;
}

function rule(
  id: string,
  name: string,
  pattern: string,
  body: string,
  method: MockRule['method'] = 'ANY',
): MockRule {
  return {
    id,
    name,
    pattern,
    match: 'exact',
    method,
    status: 200,
    contentType: 'text/xml',
    body,
    delayMs: 0,
  };
}

const THANK_YOU = `<Response>
  <Say>Thank you. Your message of {{RecordingDuration}} seconds was saved.</Say>
  <Hangup/>
</Response>`;

const thankYou = (pattern = '/handle-recording') =>
  rule('thank-you', 'Thank you', pattern, THANK_YOU, 'POST');
const sample = (file: string, starts: ExampleCaller['starts']): ExampleCaller => ({ sample: file, starts });

export const EXAMPLES: Example[] = [
  {
    id: 'voicemail',
    title: 'Voicemail',
    description:
      'Talk after the beep, then press # (the sample caller does it for you). The Record action gets Digits=# and the recording; its answer thanks the caller.',
    rcml: `<Response>
  <Say>Please leave a message after the beep. Press pound when you are done.</Say>
  <Record action="/handle-recording" method="POST" timeout="5" maxLength="30" finishOnKey="#"/>
  <Say>We did not get a message. Goodbye.</Say>
</Response>
`,
    rules: [thankYou(), CATCH_ALL_RULE],
    caller: sample('voicemail-pound.wav', 'record'),
  },
  {
    id: 'finish-on-star',
    title: 'finishOnKey="*"',
    description:
      'Talk, press other keys (they are ignored and not reported), then press *: only * ends the recording, and the answer reads Digits back. Without a key, the silence timeout ends it.',
    rcml: `<Response>
  <Say>Record your message, then press star.</Say>
  <Record action="/recorded" finishOnKey="*" timeout="4" maxLength="60"/>
</Response>
`,
    rules: [
      rule(
        'digits',
        'Reads Digits back',
        '/recorded',
        '<Response>\n  <Say>You finished with {{Digits}}.</Say>\n  <Hangup/>\n</Response>',
        'POST',
      ),
      CATCH_ALL_RULE,
    ],
    caller: sample('voicemail.wav', 'record'),
  },
  {
    id: 'get-action',
    title: 'GET action',
    description:
      'method="GET": say something, then stay silent for 3 s. The recording parameters go into the action URL\'s query (next to its own box=7) instead of a form body: open the request in the timeline.',
    rcml: `<Response>
  <Say>Say something, then stay silent.</Say>
  <Record action="/recordings?box=7" method="GET" timeout="3" maxLength="20"/>
</Response>
`,
    rules: [
      rule(
        'get',
        'Recordings (GET)',
        '/recordings',
        '<Response>\n  <Say>Got it. The file is at {{RecordingUrl}}.</Say>\n</Response>',
        'GET',
      ),
      CATCH_ALL_RULE,
    ],
    caller: sample('voicemail.wav', 'record'),
  },
  {
    id: 'no-action',
    title: 'No action (warning 19001)',
    description:
      'Without action, each recording re-requests the document (warning 19001), so the Record runs again: watch the document URL requested after each recording. Once a recording is empty (the caller went quiet), no request is made and the call ends.',
    rcml: `<Response>
  <Record timeout="2" maxLength="3" playBeep="false"/>
</Response>
`,
    rules: [CATCH_ALL_RULE],
    caller: sample('voicemail.wav', 'call'),
  },
  {
    id: 'loop-guard',
    title: 'Loop guard (19004)',
    description:
      'A document that redirects to itself: after 10 requests in a row with no caller input, the loop guard ends the call with error 19004 instead of hanging the tab (about 5 s).',
    rcml: `<Response>
  <Say>Checking.</Say>
  <Redirect>/voice.xml</Redirect>
</Response>
`,
    rules: [CATCH_ALL_RULE],
  },
  {
    id: 'empty-recording',
    title: 'Empty recording',
    description:
      'Stay silent after the beep (the sample caller does): a recording with no speech makes no action request, and the call goes on with the next verb.',
    rcml: `<Response>
  <Say>Stay silent after the beep.</Say>
  <Record action="/handle-recording" timeout="2" maxLength="10"/>
  <Say>No message was recorded. Goodbye.</Say>
  <Hangup/>
</Response>
`,
    rules: [thankYou(), CATCH_ALL_RULE],
    caller: sample('menu.wav', 'record'),
  },
  {
    id: 'gather-then-record',
    title: 'Gather, then Record',
    description:
      "Press 1 during the prompt (the sample caller sends it in-band): the menu's response records a message, which # ends; its action thanks the caller.",
    rcml: `<Response>
  <Gather action="/menu" numDigits="1" timeout="8">
    <Say>Press 1 to leave a message.</Say>
  </Gather>
  <Say>No key was pressed. Goodbye.</Say>
</Response>
`,
    rules: [
      rule(
        'menu',
        'Menu',
        '/menu',
        '<Response>\n  <Say>Leave a message.</Say>\n  <Record action="/handle-recording" maxLength="20" finishOnKey="#"/>\n</Response>',
        'POST',
      ),
      thankYou(),
      CATCH_ALL_RULE,
    ],
    caller: sample('menu.wav', 'call'),
  },
  {
    id: 'bad-attributes',
    title: 'Bad attributes',
    description:
      'Each bad value is a warning with its code (see Diagnostics), and its default is used: the call still starts. Talk after the beep and press #; the request shows the defaults at work (POST, # ends it).',
    rcml: `<Response>
  <Say>Leave a message, then press pound.</Say>
  <Record action="/handle-recording" method="PUT" timeout="0" finishOnKey="A"
          maxLength="1" playBeep="maybe" media="audio_only_please"/>
</Response>
`,
    rules: [thankYou(), CATCH_ALL_RULE],
    caller: sample('voicemail-pound.wav', 'record'),
  },
];
