/**
 * The call settings of the workspace, with their defaults, and the one function that reads them from
 * untrusted data (a link, storage): every field is checked, a bad one falls back to its default.
 */
import { PROFILE_NAMES, type ProfileName } from '../rcml/types.ts';
import { DEFAULT_MICROPHONE_SETTINGS, type MicrophoneSettings } from './microphone.ts';

export type NetworkCodec = 'direct' | 'pcmu' | 'pcma' | 'opus';
export const NETWORK_CODECS: readonly NetworkCodec[] = ['direct', 'pcmu', 'pcma', 'opus'];
export const MAX_LOSS_PERCENT = 30;
export const MAX_JITTER_MS = 200;

export interface CallerSettings {
  /** Who speaks: the microphone, or an audio file played into the same capture path (SPEC §9). */
  source: 'microphone' | 'file';
  /** When the file starts: with the call, or when the first `<Record>` starts recording. */
  starts: 'call' | 'record';
  /** A sample caller shipped with the app (public/callers/), or null for the user's own file. */
  sample: string | null;
}

export interface NetworkSettings {
  codec: NetworkCodec;
  lossPercent: number;
  jitterMs: number;
  /** Seed of the loss and jitter, so a run can be repeated. */
  seed: number;
}

export interface CameraSettings {
  /** null: the system default. Never put in a link (it names the author's device). */
  deviceId: string | null;
  width: number;
  height: number;
  frameRate: number;
}

export interface CallSettings {
  documentUrl: string;
  profile: ProfileName;
  from: string;
  to: string;
  callerName: string;
  microphone: MicrophoneSettings;
  caller: CallerSettings;
  /** Origins whose URLs are sent to the developer's own server instead of the mock rules (SPEC §8). */
  liveOrigins: string[];
  /** The Auth Token that signs twilio's requests (X-Twilio-Signature). */
  authToken: string;
  /** How long a request may take before it fails (11200). */
  httpTimeoutSeconds: number;
  network: NetworkSettings;
  camera: CameraSettings;
}

export const DEFAULT_SETTINGS: CallSettings = {
  documentUrl: 'https://app.example.com/voice.xml',
  profile: 'restcomm',
  from: '+15551230001',
  to: '+15559870002',
  callerName: 'Sandbox Caller',
  microphone: DEFAULT_MICROPHONE_SETTINGS,
  caller: { source: 'microphone', starts: 'call', sample: null },
  liveOrigins: [],
  authToken: 'sandbox-auth-token',
  httpTimeoutSeconds: 15,
  network: { codec: 'direct', lossPercent: 0, jitterMs: 0, seed: 1 },
  camera: { deviceId: null, width: 640, height: 480, frameRate: 30 },
};

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function text(value: unknown, fallback: string, maxChars = 10_000): string {
  return typeof value === 'string' && value.length <= maxChars ? value : fallback;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function number(value: unknown, min: number, max: number, fallback: number, whole = false): number {
  return typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!whole || Number.isInteger(value))
    ? value
    : fallback;
}

function deviceId(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value.length <= 500 ? value : null;
}

/** `http://127.0.0.1:3000` from what a user typed (a path or a trailing slash is dropped); null if none. */
export function parseOrigin(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || !URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}

export function normalizeSettings(value: unknown): CallSettings {
  const f = fields(value);
  const d = DEFAULT_SETTINGS;
  const microphone = fields(f.microphone);
  const caller = fields(f.caller);
  const network = fields(f.network);
  const camera = fields(f.camera);
  const origins = Array.isArray(f.liveOrigins) ? f.liveOrigins : [];
  return {
    documentUrl: text(f.documentUrl, d.documentUrl),
    profile: oneOf<ProfileName>(f.profile, PROFILE_NAMES, d.profile),
    from: text(f.from, d.from, 200),
    to: text(f.to, d.to, 200),
    callerName: text(f.callerName, d.callerName, 200),
    microphone: {
      deviceId: deviceId(microphone.deviceId),
      echoCancellation: flag(microphone.echoCancellation, d.microphone.echoCancellation),
      noiseSuppression: flag(microphone.noiseSuppression, d.microphone.noiseSuppression),
      autoGainControl: flag(microphone.autoGainControl, d.microphone.autoGainControl),
    },
    caller: {
      source: oneOf(caller.source, ['microphone', 'file'] as const, d.caller.source),
      starts: oneOf(caller.starts, ['call', 'record'] as const, d.caller.starts),
      sample:
        typeof caller.sample === 'string' && /^[a-z0-9-]+\.wav$/.test(caller.sample) ? caller.sample : null,
    },
    liveOrigins: [
      ...new Set(
        origins
          .slice(0, 20)
          .map((o) => (typeof o === 'string' ? parseOrigin(o) : null))
          .filter((o): o is string => o !== null),
      ),
    ],
    authToken: text(f.authToken, d.authToken, 500),
    httpTimeoutSeconds: number(f.httpTimeoutSeconds, 1, 120, d.httpTimeoutSeconds),
    network: {
      codec: oneOf(network.codec, NETWORK_CODECS, d.network.codec),
      lossPercent: number(network.lossPercent, 0, MAX_LOSS_PERCENT, d.network.lossPercent),
      jitterMs: number(network.jitterMs, 0, MAX_JITTER_MS, d.network.jitterMs),
      seed: number(network.seed, 0, 2 ** 31 - 1, d.network.seed, true),
    },
    camera: {
      deviceId: deviceId(camera.deviceId),
      width: number(camera.width, 160, 3840, d.camera.width, true),
      height: number(camera.height, 120, 2160, d.camera.height, true),
      frameRate: number(camera.frameRate, 1, 60, d.camera.frameRate),
    },
  };
}

/** The settings as a link carries them: device choices stay on the machine that made them. */
export function shareableSettings(settings: CallSettings): CallSettings {
  return {
    ...settings,
    microphone: { ...settings.microphone, deviceId: null },
    camera: { ...settings.camera, deviceId: null },
  };
}
