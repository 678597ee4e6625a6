import {
  simulateCall as simulateWithIo,
  type SimulateIo,
  type SimulateOptions,
  type SimulatedCall,
} from '../engine/simulate.ts';
import { hearCaller, type CallerHearingOptions } from './caller-hearing.ts';
import { withTimeout } from './with-timeout.ts';

/**
 * What simulateCall needs from Node: the platform's HTTP timeout around `respond`, and ears for
 * `input.audio` (hearCaller: the WAV on the call clock, Silero's verdicts, its in-band DTMF keys).
 */
export function nodeSimulateIo(hearing: CallerHearingOptions = {}): SimulateIo {
  return {
    withTimeout,
    hear: (audio, { network, startSample }) =>
      hearCaller(audio, { ...hearing, ...(network ? { network } : {}), startSample }),
  };
}

/**
 * simulateCall for Node, the package's entry: the engine's simulateCall with the platform's HTTP timeout
 * applied to `respond` (a `respond` that never answers is an 11200 after `httpTimeoutSeconds`), and the
 * caller as audio (`input.audio`: a WAV file's path or bytes, or `{ samples, rateHz }`) heard as the
 * browser hears a file played into its microphone: same resampler, same Silero model and thresholds, same
 * in-band DTMF detector. Rejects with an Error naming the file and the problem for audio it cannot read.
 */
export function simulateCall(options: SimulateOptions): Promise<SimulatedCall> {
  return simulateWithIo(options, nodeSimulateIo());
}
