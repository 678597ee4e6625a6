/// <reference types="node" />
// `rcml-sandbox simulate DOC.xml`: a whole call in Node (the package's simulateCall), its timeline
// printed and its recordings written as WAV files.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  MAX_LOSS_PERCENT,
  NETWORK_CODECS,
  type NetworkCodec,
  type NetworkLineOptions,
} from '../audio/network-line.ts';
import { encodeWav } from '../audio/wav.ts';
import {
  DEFAULT_DOCUMENT_URL,
  DEFAULT_HTTP_TIMEOUT_SECONDS,
  DEFAULT_MAX_SECONDS,
  simulateCall as simulateWithIo,
  type SimulateOptions,
} from '../engine/simulate.ts';
import { errorMessage } from '../rcml/error-message.ts';
import { ruleTranscript } from '../engine/mock-rules.ts';
import type { HearingProgress } from './caller-hearing.ts';
import {
  flag,
  listOption,
  parseCommandLine,
  parseDialect,
  parseKeys,
  parseSeconds,
  parseSpeech,
  parseWholeNumber,
  stringOption,
  InputError,
  UsageError,
  type CommandLine,
  type OptionSpec,
} from './cli-args.ts';
import { describeFsError, readTextInput, type CliIo, type CliOutput } from './cli-io.ts';
import { DEFAULT_RULES, loadRules, rulesResponder } from './cli-respond.ts';
import { alignAnswers, callToJson, endedInError, formatTimeline } from './cli-timeline.ts';
import { nodeSimulateIo } from './simulate-call.ts';

export const SIMULATE_USAGE = `Usage: rcml-sandbox simulate [options] DOC.xml

Runs a call in Node with the sandbox's engine and prints its timeline: each
request (method, URL, parameters, what answered it), each recording, each
notification, and how the call ended. DOC.xml is what the document URL serves
(- reads it from standard input). The caller is scripted (--speech, --keys,
--hangup), or a WAV file (--audio): its silence judged by the Silero model as
in the browser, its DTMF tones pressing their keys.

Options:
  --audio FILE        the caller's audio, a WAV file (any rate, any channels)
  --audio-starts W    call (default): the file plays from the call's start;
                      record: from when the first recording starts
  --speech S-E,…      without --audio: the caller speaks from S to E seconds
                      (e.g. 0.5-3,6-8); otherwise the scripted caller is silent
  --keys T:K,…        keys the caller presses, at T seconds (e.g. 4.5:#,7:1)
  --hangup T          the caller hangs up at T seconds
  --rules FILE        mock rules answering the call's requests (JSON: an array of
                      rules, or { "rules": [...] }); default: the catch-all rule,
                      <Response><Hangup/></Response>
  --dialect D         restcomm (default), restcomm-connect or twilio
  --document-url URL  the document's URL (default ${DEFAULT_DOCUMENT_URL})
  --max-seconds T     stop the call when its clock reaches T (default ${DEFAULT_MAX_SECONDS})
  --network CODEC     the caller reaches the platform through pcmu, pcma or opus
                      (default direct): recording and detectors hear what it delivers
  --loss PERCENT      with --network: whole 20 ms packets lost, 0 to 30 (default 0)
  --network-seed N    with --network: which packets are lost (default 0)
  --out DIR           write each recording to DIR/<RecordingSid>.wav
  --json              print the call as JSON instead of the timeline
  -h, --help          show this help
Times are seconds on the call clock, 0 = the first verb starts.

Exit status: 0 the call ended without an error; 1 it ended in an error
(document-error, http-error, not-found, loop-guard); 2 a usage error, or an
input that cannot be read (DOC.xml, --audio, --rules).
`;

const OPTIONS: OptionSpec = {
  audio: { type: 'string' },
  'audio-starts': { type: 'string' },
  speech: { type: 'string', multiple: true },
  keys: { type: 'string', multiple: true },
  hangup: { type: 'string' },
  rules: { type: 'string' },
  dialect: { type: 'string' },
  'document-url': { type: 'string' },
  'max-seconds': { type: 'string' },
  network: { type: 'string' },
  loss: { type: 'string' },
  'network-seed': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export async function runSimulate(args: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine(args, OPTIONS);
  if (flag(line, 'help')) {
    io.stdout.write(SIMULATE_USAGE);
    return 0;
  }
  if (line.positionals.length !== 1) {
    throw new UsageError(
      line.positionals.length === 0
        ? 'name the document: rcml-sandbox simulate DOC.xml'
        : `one document only, got ${line.positionals.length}: ${line.positionals.join(' ')}`,
    );
  }
  const documentName = line.positionals[0]!;
  const profile = parseDialect(stringOption(line, 'dialect'));
  const keys = listOption(line, 'keys').flatMap(parseKeys);
  const speech = listOption(line, 'speech').flatMap(parseSpeech);
  const hangup = stringOption(line, 'hangup');
  const hangupAtSeconds = hangup === undefined ? undefined : parseSeconds('--hangup', hangup);
  const maxText = stringOption(line, 'max-seconds');
  const maxSeconds =
    maxText === undefined ? undefined : parseSeconds('--max-seconds', maxText, { positive: true });
  const network = parseNetwork(line);
  const documentUrl = stringOption(line, 'document-url') ?? DEFAULT_DOCUMENT_URL;
  if (!URL.canParse(documentUrl) || !/^https?:$/.test(new URL(documentUrl).protocol)) {
    throw new UsageError(
      `--document-url must be an absolute http(s) URL, got ${JSON.stringify(documentUrl)}`,
    );
  }
  const audio = stringOption(line, 'audio');
  const audioStarts = stringOption(line, 'audio-starts');
  if (audioStarts !== undefined) {
    if (audioStarts !== 'call' && audioStarts !== 'record') {
      throw new UsageError(`--audio-starts must be call or record, got ${JSON.stringify(audioStarts)}`);
    }
    if (audio === undefined) throw new UsageError('--audio-starts needs --audio FILE');
  }
  if (audio !== undefined && speech.length > 0) {
    throw new UsageError('--speech and --audio cannot be used together: give one caller');
  }
  const rulesFile = stringOption(line, 'rules');
  if (rulesFile === '-' && documentName === '-') {
    throw new UsageError(
      'standard input (-) can be read only once: give the document or the rules as a file',
    );
  }
  const outDir = stringOption(line, 'out');

  const rcml = await readTextInput(documentName, io, 'document');
  const loaded =
    rulesFile === undefined ? null : loadRules(await readTextInput(rulesFile, io, 'rules'), rulesFile);
  for (const warning of loaded?.warnings ?? [])
    io.stderr.write(`rcml-sandbox simulate: warning: ${warning}\n`);
  if (outDir !== undefined) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (error) {
      throw new InputError(
        `cannot create the directory ${outDir} for --out: ${describeFsError(error, outDir)}`,
      );
    }
  }

  const rules = loaded?.rules ?? DEFAULT_RULES;
  const responder = rulesResponder(rules, {
    timeoutMs: DEFAULT_HTTP_TIMEOUT_SECONDS * 1000,
  });
  const options: SimulateOptions = {
    rcml,
    documentUrl,
    profile,
    respond: responder.respond,
    // twilio's transcriptions: the text of the rule that matches each recording's transcribeCallback.
    transcripts: (recording) =>
      recording.transcriptionCallbackUrl === undefined
        ? null
        : ruleTranscript(rules, recording.transcriptionCallbackUrl),
    input: {
      ...(audio === undefined ? {} : { audio }),
      ...(audioStarts === undefined ? {} : { audioStarts }),
      ...(speech.length > 0 ? { speech } : {}),
      ...(keys.length > 0 ? { keys } : {}),
      ...(hangupAtSeconds === undefined ? {} : { hangupAtSeconds }),
    },
    ...(maxSeconds === undefined ? {} : { maxSeconds }),
    ...(network ? { network } : {}),
  };
  const progress = audio !== undefined && io.stderr.isTTY ? progressLine(io.stderr, audio) : null;
  let call;
  try {
    call = await simulateWithIo(options, nodeSimulateIo(progress ? { onProgress: progress.show } : {}));
  } catch (error) {
    // The options are checked and the audio read before the call starts: what fails here is input.
    throw new InputError(errorMessage(error));
  } finally {
    progress?.clear();
  }

  const recordingFiles: Record<string, string> = {};
  if (outDir !== undefined) {
    for (const recording of call.recordings) {
      const path = join(outDir, `${recording.recordingSid}.wav`);
      try {
        await writeFile(path, encodeWav(recording.samples));
      } catch (error) {
        io.stderr.write(`rcml-sandbox simulate: cannot write ${path}: ${describeFsError(error, path)}\n`);
        return 2;
      }
      recordingFiles[recording.recordingSid] = path;
    }
  }
  const timeline = {
    call,
    answers: alignAnswers(call.requests, responder.answered),
    documentUrl,
    documentName,
    recordingFiles,
  };
  io.stdout.write(
    flag(line, 'json') ? `${JSON.stringify(callToJson(timeline), null, 2)}\n` : formatTimeline(timeline),
  );
  return endedInError(call.endReason) ? 1 : 0;
}

/** `--network pcmu --loss 10 --network-seed 3`, checked as simulateCall checks its `network` option. */
function parseNetwork(line: CommandLine): NetworkLineOptions | null {
  const codec = stringOption(line, 'network');
  const loss = stringOption(line, 'loss');
  const seed = stringOption(line, 'network-seed');
  if (codec === undefined) {
    if (loss !== undefined || seed !== undefined) {
      throw new UsageError(`${loss !== undefined ? '--loss' : '--network-seed'} needs --network CODEC`);
    }
    return null;
  }
  if (!(NETWORK_CODECS as readonly string[]).includes(codec)) {
    throw new UsageError(
      `--network must be one of ${NETWORK_CODECS.join(', ')}, got ${JSON.stringify(codec)}`,
    );
  }
  const lossPercent = loss === undefined ? 0 : /^\s*\d+(\.\d+)?\s*$/.test(loss) ? Number(loss) : NaN;
  if (!(lossPercent >= 0 && lossPercent <= MAX_LOSS_PERCENT)) {
    throw new UsageError(
      `--loss must be a percentage from 0 to ${MAX_LOSS_PERCENT}, got ${JSON.stringify(loss)}`,
    );
  }
  return {
    codec: codec as NetworkCodec,
    lossPercent,
    seed: seed === undefined ? 0 : parseWholeNumber('--network-seed', seed, 0, 2 ** 32 - 1),
  };
}

/**
 * `hearing caller.wav (WAV, 16-bit PCM, 44100 Hz, stereo, 60.0 s)… 35%` on one terminal line, rewritten
 * in place as the model scores the file, and erased when the call has run.
 */
function progressLine(
  out: CliOutput,
  audio: string,
): { show: (p: HearingProgress) => void; clear: () => void } {
  let prefix = `hearing ${basename(audio)}`;
  let written = false;
  const write = (text: string): void => {
    out.write(`\r\x1b[K${text}`);
    written = true;
  };
  return {
    show(progress) {
      if (progress.stage === 'read') {
        prefix = `hearing ${basename(audio)} (${progress.audio.sourceFormat}, ${progress.seconds.toFixed(1)} s)…`;
        write(prefix);
      } else if (progress.stage === 'scoring') {
        write(`${prefix} ${Math.round(progress.fraction * 100)}%`);
      } else {
        write(`${prefix} done; running the call…`);
      }
    },
    clear() {
      if (written) out.write('\r\x1b[K');
    },
  };
}
