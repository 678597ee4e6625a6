import type { RecordingEntry } from '../browser/recording-library.ts';

/** Why a recording stopped, in words that finish "stopped because …". */
export const STOP_REASONS: Record<RecordingEntry['reason'], string> = {
  finishOnKey: 'a finishOnKey key was pressed',
  timeout: 'the silence reached timeout',
  maxLength: 'maxLength was reached',
  hangup: 'the caller hung up',
};
