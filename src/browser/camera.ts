/** The camera: getUserMedia with the call settings' device and resolution, and the browser's MediaRecorder. */
import type { CameraStream, MediaTrack, VideoIo, VideoRecorderPort } from './call-io.ts';
import type { CameraSettings } from './settings.ts';

/** Bit rates asked of MediaRecorder: enough for a clear 640×480 face, small enough to keep in IndexedDB. */
const VIDEO_BITS_PER_SECOND = 1_000_000;
const AUDIO_BITS_PER_SECOND = 64_000;

export async function openCamera(settings: CameraSettings): Promise<CameraStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new TypeError('getUserMedia is not available');
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      deviceId: settings.deviceId ? { exact: settings.deviceId } : undefined,
      width: { ideal: settings.width },
      height: { ideal: settings.height },
      frameRate: { ideal: settings.frameRate },
    },
  });
  const [track] = stream.getVideoTracks();
  if (!track) {
    for (const t of stream.getTracks()) t.stop();
    throw new DOMException('The camera gave no video track', 'NotFoundError');
  }
  return { label: track.label || 'Camera', track, preview: stream };
}

export async function listCameras(): Promise<{ deviceId: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'videoinput')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `Camera ${index + 1}` }));
}

/**
 * Stopped at the recording's end, MediaRecorder's files came out up to 41 ms shorter than their audio here
 * (its first frame comes after start()); this covers a slow machine too.
 */
const STOP_MARGIN_MS = 250;

export const browserVideo: VideoIo = {
  openCamera,
  stopMarginMs: STOP_MARGIN_MS,
  isTypeSupported: (type) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type),
  createRecorder(tracks: MediaTrack[], mimeType: string): VideoRecorderPort {
    const stream = new MediaStream(tracks as unknown as MediaStreamTrack[]);
    return new MediaRecorder(stream, {
      mimeType,
      videoBitsPerSecond: VIDEO_BITS_PER_SECOND,
      audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
    }) as unknown as VideoRecorderPort;
  },
};
