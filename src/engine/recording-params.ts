import type { Profile } from '../rcml/profiles.ts';
import type { RecordVerb } from '../rcml/types.ts';
import { SAMPLE_RATE_HZ } from './events.ts';
import { formatJavaDouble } from './java-double.ts';

/** Where restcomm-connect says its recordings are (the `file:` form of RecordingUrl). */
export const RC_RECORDINGS_PATH = '/opt/restcomm/standalone/deployments/restcomm.war/recordings';

export interface RecordingUrls {
  /** Sent as RecordingUrl. */
  url: string;
  /** The http(s) URL the mock server answers with the file (restcomm-connect's PublicRecordingUrl). */
  publicUrl: string;
}

/** RecordingUrl per profile (SPEC §4); the http form lives on the origin of the call's document URL. */
export function recordingUrls(
  profile: Profile,
  documentUrl: string,
  accountSid: string,
  recordingSid: string,
  media: RecordVerb['media'] = 'audio_only',
): RecordingUrls {
  const origin = originOf(documentUrl);
  const base = `${origin}/${profile.apiVersion}/Accounts/${accountSid}/Recordings/${recordingSid}`;
  // Restcomm writes a video recording to RE….mp4 (SPEC §10), whatever container the browser made.
  const extension = media === 'audio_only' ? 'wav' : 'mp4';
  switch (profile.recordingUrlForm) {
    case 'no-extension':
      return { url: base, publicUrl: base };
    case 'file':
      return {
        url: `file://${RC_RECORDINGS_PATH}/${recordingSid}.${extension}`,
        publicUrl: `${base}.${extension}`,
      };
    case 'wav':
      return { url: `${base}.${extension}`, publicUrl: `${base}.${extension}` };
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** The WAV header Restcomm's media server writes before the samples (RecorderFileSink.HDR_SIZE). */
export const WAV_HEADER_BYTES = 44;

/**
 * What Restcomm-Connect's WavUtils.getAudioDuration returns for a 16-bit mono 8 kHz file of `samples`:
 * `file.length() / format.getSampleRate()` divides a long by a float, in single precision (the byte count
 * is rounded to a float first), then `/ (16 / 8.0) / 1` runs in double (SPEC §4).
 */
export function javaWavDurationSeconds(samples: number): number {
  return Math.fround(Math.fround(WAV_HEADER_BYTES + 2 * samples) / SAMPLE_RATE_HZ) / 2;
}

/**
 * RecordingDuration per profile (SPEC §4): whole seconds rounded to the nearest, at least 1 for a non-empty
 * recording; restcomm-connect: javaWavDurationSeconds as Java prints a double (`0.0` when there is no file).
 */
export function recordingDurationParam(profile: Profile, samples: number, empty: boolean): string {
  if (profile.recordingDurationForm === 'java-float') {
    return empty ? '0.0' : formatJavaDouble(javaWavDurationSeconds(samples));
  }
  if (empty) return '0';
  return String(Math.max(1, Math.round(samples / SAMPLE_RATE_HZ)));
}
