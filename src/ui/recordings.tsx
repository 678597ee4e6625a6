import type { InspectorRequest } from '../browser/inspector-log.ts';
import type { RecordingEntry } from '../browser/recording-library.ts';
import { downloadG711 } from '../browser/download.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { STOP_REASONS } from './stop-reasons.ts';
import { Waveform } from './waveform.tsx';
import { describeVideoType } from '../browser/video-recorder.ts';

const G711_DOWNLOADS = [
  { law: 'mulaw', label: 'μ-law' },
  { law: 'alaw', label: 'A-law' },
] as const;

function pathOf(url: string): string {
  return URL.canParse(url) ? new URL(url).pathname : url;
}

function extensionOf(mimeType: string): string {
  return mimeType.startsWith('video/mp4') ? 'mp4' : 'webm';
}

function RecordingItem({
  recording,
  requests,
}: {
  recording: RecordingEntry;
  requests: readonly InspectorRequest[];
}) {
  const seconds = recording.lengthSamples / SAMPLE_RATE_HZ;
  const request =
    recording.requestNumber === null
      ? undefined
      : requests.find(
          (r) => r.number === recording.requestNumber && r.recordingSid === recording.recordingSid,
        );
  const name = `${recording.recordingSid}.wav`;
  const { video } = recording;
  return (
    <li className="recording" id={`recording-${recording.recordingSid}`}>
      <div className="recording-title">
        <strong className="recording-sid">{recording.recordingSid}</strong>
        <span className="recording-duration">{seconds.toFixed(2)} s</span>
      </div>
      {video ? (
        <video
          controls
          src={video.objectUrl}
          preload="metadata"
          aria-label={`Play the video of ${recording.recordingSid}`}
          className="recording-video"
        />
      ) : (
        <Waveform
          wav={recording.wav}
          label={`Waveform of ${recording.recordingSid}, ${seconds.toFixed(1)} seconds`}
        />
      )}
      <div className="recording-facts">
        Stopped because {STOP_REASONS[recording.reason]}
        {recording.digits && <> · Digits={recording.digits}</>}
        {recording.interrupted && <> · interrupted by a reload of the page</>}
        {recording.durationParam !== null ? (
          <> · sent RecordingDuration={recording.durationParam}</>
        ) : recording.empty ? (
          <> · empty: no action request</>
        ) : (
          <> · no action request</>
        )}
        {recording.media !== 'audio_only' && <> · media={recording.media}</>}
        {video ? (
          <span className="video-type">
            {' '}
            · {describeVideoType(video.mimeType)}, {(video.bytes.byteLength / 1024).toFixed(0)} KB
          </span>
        ) : (
          recording.media !== 'audio_only' && <> · audio only (no camera)</>
        )}
      </div>
      <audio
        controls
        src={recording.objectUrl}
        preload="metadata"
        aria-label={`Play ${recording.recordingSid}`}
      />
      <div className="recording-links">
        <a href={recording.objectUrl} download={name}>
          Download WAV
        </a>
        {video && (
          <a href={video.objectUrl} download={`${recording.recordingSid}.${extensionOf(video.mimeType)}`}>
            Download video
          </a>
        )}
        {G711_DOWNLOADS.map(({ law, label }) => (
          <button
            key={law}
            type="button"
            className="link-button"
            aria-label={`Download ${label} WAV`}
            onClick={() => downloadG711(recording.wav, law, recording.recordingSid)}
          >
            {label}
          </button>
        ))}
        {request ? (
          <a href={`#request-${request.number}`} className="request-link">
            Request #{request.number} {request.method} {pathOf(request.url)}
          </a>
        ) : recording.requestNumber !== null ? (
          <span className="muted">sent in an earlier call</span>
        ) : null}
      </div>
    </li>
  );
}

export function Recordings({
  recordings,
  requests,
}: {
  recordings: readonly RecordingEntry[];
  requests: readonly InspectorRequest[];
}) {
  return (
    <section aria-label="Recordings" className="recordings">
      <h2>Recordings</h2>
      {recordings.length === 0 ? (
        <p className="empty">Recordings appear here, with their waveform, player and WAV download.</p>
      ) : (
        <ul>
          {[...recordings].reverse().map((recording) => (
            <RecordingItem key={recording.recordingSid} recording={recording} requests={requests} />
          ))}
        </ul>
      )}
    </section>
  );
}
