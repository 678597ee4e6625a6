/** The microphone: getUserMedia with the user's constraints, and a clear message for each failure. */

import { errorMessage } from '../rcml/error-message.ts';
export interface MicrophoneSettings {
  /** null: the system default device. */
  deviceId: string | null;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

/** Processing distorts what the engine measures, so only echo cancellation is on by default. */
export const DEFAULT_MICROPHONE_SETTINGS: MicrophoneSettings = {
  deviceId: null,
  echoCancellation: true,
  noiseSuppression: false,
  autoGainControl: false,
};

export type MicrophoneErrorKind = 'permission-denied' | 'no-device' | 'device-busy' | 'unsupported' | 'other';

export class MicrophoneError extends Error {
  constructor(
    readonly kind: MicrophoneErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'MicrophoneError';
  }
}

export function describeMicrophoneFailure(error: unknown): MicrophoneError {
  if (error instanceof MicrophoneError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new MicrophoneError(
        'permission-denied',
        'Microphone permission was denied. Allow the microphone for this page (the icon in the address bar) and start the call again.',
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new MicrophoneError(
        'no-device',
        'No microphone was found (or the chosen one is gone). Connect one, or pick another device in the settings.',
      );
    case 'NotReadableError':
    case 'AbortError':
      return new MicrophoneError(
        'device-busy',
        'The microphone is busy or could not be started: close other apps that use it and try again.',
      );
    default:
      return new MicrophoneError('other', `The microphone could not be opened: ${errorMessage(error)}`);
  }
}

export async function openMicrophone(settings: MicrophoneSettings): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new MicrophoneError(
      'unsupported',
      'This browser cannot capture audio here (the page must be served over https or from localhost).',
    );
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: {
        deviceId: settings.deviceId ? { exact: settings.deviceId } : undefined,
        channelCount: { ideal: 1 },
        echoCancellation: settings.echoCancellation,
        noiseSuppression: settings.noiseSuppression,
        autoGainControl: settings.autoGainControl,
      },
      video: false,
    });
  } catch (error) {
    throw describeMicrophoneFailure(error);
  }
}

export async function listMicrophones(): Promise<{ deviceId: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'audioinput')
    .map((device, index) => ({
      deviceId: device.deviceId,
      label: device.label || `Microphone ${index + 1}`,
    }));
}
