/** The element names of RCML (Restcomm's and Twilio's), sorted by what the sandbox does with them. */

/** Verbs the sandbox runs. */
export const RUNNABLE_VERBS: ReadonlySet<string> = new Set([
  'Record',
  'Say',
  'Play',
  'Pause',
  'Gather',
  'Hangup',
  'Redirect',
  'Reject',
]);

/** Real verbs the sandbox does not run: a warning (12300), and the verb is skipped. */
export const UNSUPPORTED_VERBS: ReadonlySet<string> = new Set([
  'Dial',
  'Sms',
  'Email',
  'Fax',
  'Conference',
  'Message',
  'Hold',
  'Resume',
  'Refer',
  'Enqueue',
  'Leave',
  'Queue',
  'Connect',
  'Pay',
  'Start',
  'Stop',
  'Echo',
  'UssdCollect',
  'UssdMessage',
  'UssdLanguage',
  'Geolocation',
]);

/** Nouns, with the verb they belong inside: standing alone they break the schema (12200). */
export const NOUN_PARENTS: ReadonlyMap<string, string> = new Map([
  ['Number', 'Dial'],
  ['Client', 'Dial'],
  ['Sip', 'Dial'],
  ['Uri', 'Dial'],
  ['Sim', 'Dial'],
  ['Application', 'Dial'],
  ['Identity', 'Client'],
  ['Parameter', 'Stream'],
  ['Body', 'Message'],
  ['Media', 'Message'],
  ['Task', 'Enqueue'],
  ['Prompt', 'Pay'],
  ['Stream', 'Start'],
  ['Siprec', 'Start'],
  ['Transcription', 'Start'],
  ['Room', 'Connect'],
  ['VirtualAgent', 'Connect'],
  ['Immediate', 'Geolocation'],
  ['Notification', 'Geolocation'],
]);

/**
 * SSML inside twilio's `<Say>` (SPEC §7): each element with the elements it may hold (twilio-node's
 * VoiceResponse `Ssml*` classes); an empty set: text only.
 */
export const SSML_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const all = ['break', 'emphasis', 'lang', 'p', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w'];
  const without = (...names: string[]) => new Set(all.filter((name) => !names.includes(name)));
  const inline = new Set(['break', 'emphasis', 'lang', 'phoneme', 'prosody', 'say-as', 'sub', 'w']);
  return new Map<string, ReadonlySet<string>>([
    ['Say', new Set(all)],
    ['break', new Set()],
    ['emphasis', inline],
    ['lang', without()],
    ['p', without('p')],
    ['phoneme', new Set()],
    ['prosody', without()],
    ['s', without('p', 's')],
    ['say-as', new Set()],
    ['sub', new Set()],
    ['w', new Set(['break', 'emphasis', 'phoneme', 'prosody', 'say-as', 'sub'])],
  ]);
})();

/** SSML elements that separate what is said around them (the others run inline with the text). */
export const SSML_BREAKS: ReadonlySet<string> = new Set(['break', 'p', 's']);

/** Verbs that may be nested inside `<Gather>`. */
export const GATHER_CHILDREN: ReadonlySet<string> = new Set(['Say', 'Play', 'Pause']);
