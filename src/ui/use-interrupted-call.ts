import { useEffect } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import { randomHex } from '../browser/random-hex.ts';
import type { RecordingEntry } from '../browser/recording-library.ts';
import { clearInterruptedCall, loadInterruptedCall, saveInterruptedCall } from '../browser/storage.ts';
import { encodeWav } from '../audio/wav.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { videoContentType } from '../browser/video-recorder.ts';
import { trimVideo } from '../browser/video-trim.ts';
import type { Notice } from './use-workspace.ts';

/** How often the call in progress is kept (what a reload can lose at most). */
const KEEP_EVERY_MS = 500;

function clock(samples: number): string {
  const total = samples / SAMPLE_RATE_HZ;
  const minutes = Math.floor(total / 60);
  return `${minutes}:${(total - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

/**
 * A reload during a call keeps what was recorded so far: while a call runs, its requests and the recording
 * in progress are kept in storage every half second (and as the page goes); after a reload they come back (the recording marked
 * "interrupted by reload") and the page says so. A call that ends normally leaves nothing behind.
 */
export function useInterruptedCall(driver: CallDriver | null, onNotice: (notice: Notice) => void): void {
  useEffect(() => {
    if (!driver) return;
    let live = true;
    loadInterruptedCall().then(
      (found) => {
        if (!live || !found) return;
        const { call, samples, video } = found;
        driver.log.restore(call.log);
        let kept = '';
        if (call.recording && samples && samples.length > 0) {
          const wav = encodeWav(samples, SAMPLE_RATE_HZ);
          const sid = `RE${randomHex(32)}`;
          const origin = URL.canParse(call.documentUrl) ? new URL(call.documentUrl).origin : location.origin;
          const media = call.recording.media ?? 'audio_only';
          // The video so far (MediaRecorder's timeslices up to the reload), cut to the audio kept.
          const file = video
            ? (trimVideo(video.bytes, samples.length / SAMPLE_RATE_HZ) ?? video.bytes)
            : null;
          const extension = media === 'audio_only' ? 'wav' : 'mp4';
          const url = `${origin}/2012-04-24/Accounts/${call.accountSid}/Recordings/${sid}.${extension}`;
          const entry: RecordingEntry = {
            recordingSid: sid,
            url,
            publicUrl: url,
            reason: 'hangup',
            digits: '',
            durationSeconds: samples.length / SAMPLE_RATE_HZ,
            lengthSamples: samples.length,
            empty: false,
            media,
            durationParam: null,
            requestNumber: null,
            callSid: call.callSid,
            endSample: call.recording.startSample + samples.length,
            savedAtMs: call.savedAtMs,
            interrupted: true,
            wav,
            objectUrl: driver.recordings.objectUrl(wav, 'audio/wav'),
            video:
              video && file
                ? {
                    bytes: file,
                    mimeType: video.mimeType,
                    objectUrl: driver.recordings.objectUrl(file, videoContentType(video.mimeType)),
                  }
                : null,
          };
          void driver.recordings.add(entry);
          kept = ` Its recording so far (${(samples.length / SAMPLE_RATE_HZ).toFixed(1)} s${file ? ', with its video' : ''}) is kept, marked “interrupted by reload”.`;
        }
        onNotice({
          kind: 'info',
          text: `A call was interrupted by a reload of the page at ${clock(call.clockSamples)}.${kept} Its requests are in the timeline; no action request was sent for that recording.`,
        });
        void clearInterruptedCall();
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [driver, onNotice]);

  useEffect(() => {
    if (!driver) return;
    let segments = 0;
    let videoSegments = 0;
    let videoType: string | undefined;
    let keeping = false;
    let recordingStart: number | null = null;
    const keep = () => {
      const progress = driver.progress();
      if (!progress) {
        if (keeping) {
          keeping = false;
          segments = 0;
          void clearInterruptedCall().catch(() => undefined);
        }
        return;
      }
      if (!keeping) keeping = true;
      // A new recording (or none) starts its segments again.
      const start = progress.recording?.startSample ?? null;
      if (start !== recordingStart) {
        recordingStart = start;
        segments = 0;
        videoSegments = 0;
        videoType = undefined;
      }
      const audio =
        progress.recording && progress.recording.newSamples.length > 0
          ? { index: segments, samples: progress.recording.newSamples }
          : null;
      if (audio) segments++;
      const fresh = progress.recording?.video;
      const video =
        fresh && fresh.chunks.length > 0 ? { index: videoSegments, data: new Blob(fresh.chunks) } : null;
      if (fresh) videoType = fresh.mimeType;
      if (video) videoSegments++;
      void saveInterruptedCall(
        {
          callSid: progress.callSid,
          accountSid: progress.accountSid,
          clockSamples: progress.clockSamples,
          documentUrl: progress.documentUrl,
          profile: progress.profile,
          savedAtMs: Date.now(),
          log: driver.log.snapshot,
          recording: progress.recording
            ? {
                startSample: progress.recording.startSample,
                segments,
                media: progress.recording.media,
                ...(videoType !== undefined ? { videoType, videoSegments } : {}),
              }
            : null,
        },
        audio,
        video,
      ).catch(() => undefined);
    };
    const timer = window.setInterval(keep, KEEP_EVERY_MS);
    // One last time as the page goes (its write usually completes before the page is gone).
    window.addEventListener('pagehide', keep);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', keep);
    };
  }, [driver]);
}
