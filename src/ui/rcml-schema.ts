/** What the editor completes: RCML's verbs and their attributes, each with its default (SPEC §1, §2). */
import type { Completion } from '@codemirror/autocomplete';
import type { AttrSpec, ElementSpec } from '@codemirror/lang-xml';

function attr(
  name: string,
  info: string,
  defaultValue: string | null,
  values: readonly string[] = [],
): AttrSpec {
  const valueCompletions: Completion[] = values.map((value) => ({
    label: value,
    type: 'constant',
    detail: value === defaultValue ? 'default' : undefined,
  }));
  return {
    name,
    values: valueCompletions,
    completion: {
      detail: defaultValue === null ? 'no default' : `default ${defaultValue}`,
      info,
      type: 'property',
    },
  };
}

const VERBS_IN_RESPONSE = ['Say', 'Play', 'Pause', 'Record', 'Gather', 'Hangup', 'Redirect', 'Reject'];

function verb(name: string, info: string, attributes: AttrSpec[], children: string[] = []): ElementSpec {
  return { name, attributes, children, completion: { info, type: 'keyword' } };
}

const METHODS = ['POST', 'GET'];
const BOOLEANS = ['true', 'false'];

export const RCML_ELEMENTS: ElementSpec[] = [
  {
    name: 'Response',
    top: true,
    children: VERBS_IN_RESPONSE,
    completion: { info: 'The root of an RCML document: its verbs run in order.', type: 'keyword' },
  },
  verb('Record', 'Records the caller after a beep and sends the recording to the action URL.', [
    attr(
      'action',
      'Where the recording is sent. Without it, the document URL is requested again (19001).',
      'document URL',
    ),
    attr('method', 'HTTP method of the action request.', 'POST', METHODS),
    attr('timeout', 'Seconds of silence that end the recording (integer ≥ 1).', '5', ['5', '10']),
    attr('finishOnKey', 'Keys that end the recording; -1: no key ends it.', '1234567890*#', [
      '#',
      '*',
      '1234567890*#',
      '-1',
    ]),
    attr('maxLength', 'Longest recording in seconds (integer ≥ 2).', '3600', ['30', '60', '3600']),
    attr('playBeep', 'Play a beep before recording.', 'true', BOOLEANS),
    attr(
      'media',
      'What to record: the microphone, the camera, or both (a video file is served at RecordingUrl .mp4).',
      'audio_only',
      ['audio_only', 'video_only', 'audio_video'],
    ),
    attr('trim', 'twilio only: cut silence at both ends.', 'trim-silence', ['trim-silence', 'do-not-trim']),
  ]),
  verb('Say', 'Speaks its text to the caller.', [
    attr('voice', 'Voice of the speech synthesizer.', 'man', ['man', 'woman']),
    attr('language', 'Language of the text.', 'en', ['en', 'en-GB', 'es', 'fr', 'de']),
    attr('loop', 'How many times to say it (0: until hang-up).', '1', ['1', '2', '0']),
  ]),
  verb('Play', 'Plays the audio file at the URL in its body.', [
    attr('loop', 'How many times to play it (0: until hang-up).', '1', ['1', '2', '0']),
  ]),
  verb('Pause', 'Waits in silence.', [attr('length', 'Seconds to wait.', '1', ['1', '2', '5'])]),
  verb(
    'Gather',
    'Collects keypad digits and sends them to the action URL.',
    [
      attr('action', 'Where the digits are sent.', 'document URL'),
      attr('method', 'HTTP method of the action request.', 'POST', METHODS),
      attr('timeout', 'Seconds to wait for the next digit.', '5', ['5', '10']),
      attr('finishOnKey', 'The key that submits the digits.', '#', ['#', '*']),
      attr('numDigits', 'Submit after this many digits.', null, ['1', '4']),
    ],
    ['Say', 'Play', 'Pause'],
  ),
  verb('Hangup', 'Ends the call.', []),
  verb('Redirect', 'Continues with the RCML at the URL in its body.', [
    attr('method', 'HTTP method of the request.', 'POST', METHODS),
  ]),
  verb('Reject', 'Rejects the call before it is answered (first verb only).', [
    attr('reason', 'What the caller hears.', 'rejected', ['rejected', 'busy']),
  ]),
];
