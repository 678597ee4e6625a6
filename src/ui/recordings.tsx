import type { InspectorRequest, RecordingEntry } from '../browser/call-driver.ts';
import { downloadG711 } from '../browser/download.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { STOP_REASONS } from './stop-reasons.ts';
import { Waveform } from './waveform.tsx';

const G711_DOWNLOADS = [
  { law: 'mulaw', label: 'μ-law' },
  { law: 'alaw', label: 'A-law' },
] as const;

/** The inspector entry of the action request that carried the recording, if it is still listed. */
function carrier(recording: RecordingEntry, requests: InspectorRequest[]): InspectorRequest | null {
  if (recording.requestId === null) return null;
  const entryId = String(recording.requestId);
  const request = requests.find((r) => r.entryId === entryId);
  if (!request || request.purpose !== 'record-action') return null;
  const carried = Object.values(request.params).some(
    (value) => value === recording.url || value === recording.publicUrl,
  );
  return carried ? request : null;
}

function pathOf(url: string): string {
  return URL.canParse(url) ? new URL(url).pathname : url;
}

function RecordingItem({ recording, requests }: { recording: RecordingEntry; requests: InspectorRequest[] }) {
  const seconds = recording.lengthSamples / SAMPLE_RATE_HZ;
  const request = carrier(recording, requests);
  const name = `${recording.recordingSid}.wav`;
  return (
    <li className="recording">
      <div className="recording-title">
        <strong className="recording-sid">{recording.recordingSid}</strong>
        <span className="recording-duration">{seconds.toFixed(2)} s</span>
      </div>
      <Waveform
        wav={recording.wav}
        label={`Waveform of ${recording.recordingSid}, ${seconds.toFixed(1)} seconds`}
      />
      <div className="recording-facts">
        Stopped because {STOP_REASONS[recording.reason]}
        {recording.digits && <> · Digits={recording.digits}</>}
        {recording.empty && <> · empty: no action request</>} · RecordingDuration={recording.durationSeconds}
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
          <a href={`#request-${request.entryId}`} className="request-link">
            Request {request.method} {pathOf(request.url)}
          </a>
        ) : recording.requestId !== null ? (
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
  recordings: RecordingEntry[];
  requests: InspectorRequest[];
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
