/** Ready documents with the mock rules that answer their requests, for the examples gallery. */
import { CATCH_ALL_RULE, type MockRule } from '../browser/mock-rules.ts';
import type { ProfileName } from '../rcml/types.ts';

export interface Example {
  id: string;
  title: string;
  /** What to do and what to watch for. */
  description: string;
  rcml: string;
  rules: MockRule[];
  profile?: ProfileName;
}

function rule(id: string, pattern: string, body: string, method: MockRule['method'] = 'ANY'): MockRule {
  return { id, pattern, match: 'exact', method, status: 200, contentType: 'text/xml', body, delayMs: 0 };
}

const THANK_YOU = `<Response>
  <Say>Thank you. Your message of {{RecordingDuration}} seconds was saved.</Say>
  <Hangup/>
</Response>`;

export const EXAMPLES: Example[] = [
  {
    id: 'voicemail',
    title: 'Voicemail',
    description:
      'A greeting, a beep, then talk. Press # or stay silent for 5 s; the action answers with a thank-you.',
    rcml: `<Response>
  <Say>Please leave a message after the beep. Press pound when you are done.</Say>
  <Record action="/handle-recording" method="POST" timeout="5" maxLength="30" finishOnKey="#"/>
  <Say>We did not get a message. Goodbye.</Say>
</Response>
`,
    rules: [rule('thank-you', '/handle-recording', THANK_YOU, 'POST'), CATCH_ALL_RULE],
  },
  {
    id: 'finish-on-star',
    title: 'finishOnKey="*"',
    description:
      'Only * ends the recording: other keys are ignored and not reported. The response reads Digits back.',
    rcml: `<Response>
  <Say>Record your message, then press star.</Say>
  <Record action="/recorded" finishOnKey="*" maxLength="60"/>
</Response>
`,
    rules: [
      rule(
        'digits',
        '/recorded',
        '<Response>\n  <Say>You finished with {{Digits}}.</Say>\n  <Hangup/>\n</Response>',
        'POST',
      ),
      CATCH_ALL_RULE,
    ],
  },
  {
    id: 'get-action',
    title: 'GET action',
    description:
      'method="GET": the recording parameters go in the action URL\'s query instead of a form body.',
    rcml: `<Response>
  <Record action="/recordings?box=7" method="GET" maxLength="10" finishOnKey="#"/>
</Response>
`,
    rules: [
      rule(
        'get',
        '/recordings',
        '<Response>\n  <Say>Got it. The file is at {{RecordingUrl}}.</Say>\n</Response>',
        'GET',
      ),
      CATCH_ALL_RULE,
    ],
  },
  {
    id: 'no-action',
    title: 'No action (loop warning)',
    description:
      'Without action, the document URL is requested again after each recording (warning 19001): the call loops until the loop guard or a hang-up.',
    rcml: `<Response>
  <Say>Say something, then stay silent.</Say>
  <Record timeout="2" maxLength="5"/>
</Response>
`,
    rules: [CATCH_ALL_RULE],
  },
  {
    id: 'empty-recording',
    title: 'Empty recording',
    description:
      'Stay silent (or mute the microphone): a recording with no speech makes no action request and the call goes on with the next verb.',
    rcml: `<Response>
  <Say>Stay silent after the beep.</Say>
  <Record action="/handle-recording" timeout="2" maxLength="10"/>
  <Say>No message was recorded. Goodbye.</Say>
  <Hangup/>
</Response>
`,
    rules: [rule('thank-you', '/handle-recording', THANK_YOU, 'POST'), CATCH_ALL_RULE],
  },
  {
    id: 'gather-then-record',
    title: 'Gather, then Record',
    description:
      "Press a key during the prompt: the menu's response reads the digit back and records a message.",
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
        '/menu',
        '<Response>\n  <Say>You pressed {{Digits}}. Leave a message after the beep.</Say>\n  <Record action="/handle-recording" maxLength="20" finishOnKey="#"/>\n</Response>',
        'POST',
      ),
      rule('thank-you', '/handle-recording', THANK_YOU, 'POST'),
      CATCH_ALL_RULE,
    ],
  },
  {
    id: 'bad-attributes',
    title: 'Bad attributes',
    description: 'Each bad value is a warning with its code, and its default is used: the call still starts.',
    rcml: `<Response>
  <Record action="/handle-recording" method="PUT" timeout="0" finishOnKey="A"
          maxLength="1" playBeep="maybe" media="video_only"/>
</Response>
`,
    rules: [rule('thank-you', '/handle-recording', THANK_YOU, 'POST'), CATCH_ALL_RULE],
  },
];
