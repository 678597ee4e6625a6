import {
  simulateCall as simulateWithIo,
  type SimulateOptions,
  type SimulatedCall,
} from '../engine/simulate.ts';
import { withTimeout } from './with-timeout.ts';

/**
 * simulateCall for Node, the package's entry: the engine's simulateCall with the platform's HTTP timeout
 * applied to `respond` (a `respond` that never answers is an 11200 after `httpTimeoutSeconds`).
 */
export function simulateCall(options: SimulateOptions): Promise<SimulatedCall> {
  return simulateWithIo(options, { withTimeout });
}
