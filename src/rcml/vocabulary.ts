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
]);

/** Verbs that may be nested inside `<Gather>`. */
export const GATHER_CHILDREN: ReadonlySet<string> = new Set(['Say', 'Play', 'Pause']);
