import { useEffect, useState } from 'react';
import type { CallerAudio } from '../browser/call-io.ts';
import { listCameras } from '../browser/camera.ts';
import { listMicrophones, type MicrophoneSettings } from '../browser/microphone.ts';
import {
  MAX_JITTER_MS,
  MAX_LOSS_PERCENT,
  NETWORK_CODECS,
  parseOrigin,
  type CallSettings,
  type NetworkCodec,
  type CameraSettings,
} from '../browser/settings.ts';
import { PROFILE_NAMES, type ProfileName } from '../rcml/types.ts';
import SAMPLE_CALLERS from '../../public/callers/callers.json';
import { errorMessage } from '../rcml/error-message.ts';

interface CallSettingsProps {
  settings: CallSettings;
  onChange: (settings: CallSettings) => void;
  documentUrlValid: boolean;
  /** Settings apply from the next call; they are locked while one runs. */
  disabled: boolean;
  /** Changes when device labels may have become readable (after a call got the microphone). */
  refreshDevices: unknown;
  callerAudio: CallerAudio | null;
  onCallerAudio: (audio: CallerAudio | null) => void;
  /** The origins the sandbox's server was started with (`--live`), or null when there is no server. */
  serverOrigins: readonly string[] | null;
}

const CONSTRAINTS: { key: keyof Omit<MicrophoneSettings, 'deviceId'>; label: string }[] = [
  { key: 'echoCancellation', label: 'Echo cancellation' },
  { key: 'noiseSuppression', label: 'Noise suppression' },
  { key: 'autoGainControl', label: 'Auto gain control' },
];

const RESOLUTIONS: readonly [number, number][] = [
  [320, 240],
  [640, 480],
  [1280, 720],
];
const FRAME_RATES: readonly number[] = [15, 24, 30];

type DeviceList = () => Promise<{ deviceId: string; label: string }[]>;

function useDevices(list: DeviceList, refresh: unknown): { deviceId: string; label: string }[] {
  const [devices, setDevices] = useState<{ deviceId: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      list().then(
        (found) => live && setDevices(found.filter((d) => d.deviceId !== '' && d.deviceId !== 'default')),
        () => live && setDevices([]),
      );
    void read();
    navigator.mediaDevices?.addEventListener('devicechange', read);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener('devicechange', read);
    };
  }, [list, refresh]);
  return devices;
}

/**
 * A device select's options: the system default, a saved device that is not connected now, and the
 * devices found. The microphone's and the camera's selects use it.
 */
function DeviceOptions({
  devices,
  saved,
}: {
  devices: { deviceId: string; label: string }[];
  saved: string | null;
}) {
  const known = saved === null || devices.some((d) => d.deviceId === saved);
  return (
    <>
      <option value="">System default</option>
      {!known && saved && <option value={saved}>Saved device (not connected)</option>}
      {devices.map((device) => (
        <option key={device.deviceId} value={device.deviceId}>
          {device.label}
        </option>
      ))}
    </>
  );
}

/** Loads a sample caller shipped with the app (public/callers/). */
async function fetchSampleCaller(file: string): Promise<CallerAudio> {
  const response = await fetch(`${import.meta.env.BASE_URL}callers/${file}`);
  if (!response.ok)
    throw new Error(`the sample caller ${file} could not be loaded (HTTP ${response.status})`);
  return { name: file, bytes: await response.arrayBuffer() };
}

/** The Live servers field: one origin a line, checked when the field is left. */
function LiveServers({
  origins,
  serverOrigins,
  onChange,
}: {
  origins: string[];
  serverOrigins: readonly string[] | null;
  onChange: (origins: string[]) => void;
}) {
  const [text, setText] = useState(origins.join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const bad = lines.filter((line) => parseOrigin(line) === null);
    // A bad line keeps the text as typed (and says why); the setting changes once every line is an origin.
    setProblem(bad.length > 0 ? `Not an http(s) origin: ${bad.join(', ')}` : null);
    if (bad.length === 0)
      onChange([...new Set(lines.map(parseOrigin).filter((o): o is string => o !== null))]);
  };
  return (
    <label className="wide">
      <span>Live servers</span>
      <textarea
        rows={2}
        value={text}
        placeholder="http://127.0.0.1:3000"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        aria-invalid={problem !== null}
        aria-describedby="live-servers-help"
      />
      <small id="live-servers-help" className={problem ? 'error' : 'hint'}>
        {problem ??
          (serverOrigins === null
            ? "Requests to these origins go to your own server. This page was not served by the sandbox's server, so they are refused: use npm run dev or npx rcml-sandbox serve."
            : `Requests to these origins go to your own server (one origin a line).${serverOrigins.length > 0 ? ` From the command line: ${serverOrigins.join(', ')}.` : ''}`)}
      </small>
    </label>
  );
}

export function CallSettingsForm({
  settings,
  onChange,
  documentUrlValid,
  disabled,
  refreshDevices,
  callerAudio,
  onCallerAudio,
  serverOrigins,
}: CallSettingsProps) {
  const devices = useDevices(listMicrophones, refreshDevices);
  const cameras = useDevices(listCameras, refreshDevices);
  const { camera } = settings;
  const setCamera = (patch: Partial<CameraSettings>) => set({ camera: { ...camera, ...patch } });
  const resolution = `${camera.width}x${camera.height}`;
  const [callerProblem, setCallerProblem] = useState<string | null>(null);
  const set = (patch: Partial<CallSettings>) => onChange({ ...settings, ...patch });
  const setMicrophone = (patch: Partial<MicrophoneSettings>) =>
    set({ microphone: { ...settings.microphone, ...patch } });
  const { caller, network } = settings;

  // A sample caller chosen before (kept in the workspace) is loaded again.
  const sample = caller.source === 'file' ? caller.sample : null;
  useEffect(() => {
    if (sample === null || callerAudio?.name === sample) return;
    let live = true;
    fetchSampleCaller(sample).then(
      (audio) => live && onCallerAudio(audio),
      (error: unknown) => live && setCallerProblem(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [sample, callerAudio, onCallerAudio]);

  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Call settings</legend>
      <label className="wide">
        <span>Document URL</span>
        <input
          value={settings.documentUrl}
          onChange={(e) => set({ documentUrl: e.target.value })}
          aria-invalid={!documentUrlValid}
          spellCheck={false}
        />
      </label>
      <label>
        <span>Dialect</span>
        <select value={settings.profile} onChange={(e) => set({ profile: e.target.value as ProfileName })}>
          {PROFILE_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>CallerName</span>
        <input value={settings.callerName} onChange={(e) => set({ callerName: e.target.value })} />
      </label>
      <label>
        <span>From</span>
        <input value={settings.from} onChange={(e) => set({ from: e.target.value })} inputMode="tel" />
      </label>
      <label>
        <span>To</span>
        <input value={settings.to} onChange={(e) => set({ to: e.target.value })} inputMode="tel" />
      </label>

      <label>
        <span>Caller</span>
        <select
          value={caller.source}
          onChange={(e) =>
            set({ caller: { ...caller, source: e.target.value === 'file' ? 'file' : 'microphone' } })
          }
        >
          <option value="microphone">Microphone</option>
          <option value="file">Audio file</option>
        </select>
      </label>
      {caller.source === 'file' ? (
        <>
          <label>
            <span>Caller audio starts</span>
            <select
              value={caller.starts}
              onChange={(e) =>
                set({ caller: { ...caller, starts: e.target.value === 'record' ? 'record' : 'call' } })
              }
            >
              <option value="call">With the call</option>
              <option value="record">When recording starts</option>
            </select>
          </label>
          <label className="wide">
            <span>Sample caller</span>
            <select
              value={caller.sample ?? ''}
              onChange={(e) => {
                setCallerProblem(null);
                const file = e.target.value === '' ? null : e.target.value;
                set({ caller: { ...caller, sample: file } });
                if (file === null) onCallerAudio(null);
              }}
            >
              <option value="">Your own file (below)</option>
              {SAMPLE_CALLERS.map((s) => (
                <option key={s.file} value={s.file}>
                  {s.title} ({s.durationSeconds.toFixed(0)} s)
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            <span>Caller audio file</span>
            <input
              type="file"
              accept="audio/*,.wav"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                setCallerProblem(null);
                set({ caller: { ...caller, sample: null } });
                file.arrayBuffer().then(
                  (bytes) => onCallerAudio({ name: file.name, bytes }),
                  (error: unknown) =>
                    setCallerProblem(`${file.name} could not be read: ${errorMessage(error)}`),
                );
              }}
            />
            <small className={callerProblem ? 'error' : 'hint'}>
              {callerProblem ??
                (callerAudio
                  ? `Plays ${callerAudio.name} into the call ${caller.starts === 'call' ? 'when the call starts' : 'when the first <Record> starts recording'}.`
                  : 'Choose a WAV (or any file this browser plays), or a sample caller.')}
            </small>
          </label>
        </>
      ) : (
        <>
          <label className="wide">
            <span>Microphone</span>
            <select
              value={settings.microphone.deviceId ?? ''}
              onChange={(e) => setMicrophone({ deviceId: e.target.value === '' ? null : e.target.value })}
            >
              <DeviceOptions devices={devices} saved={settings.microphone.deviceId} />
            </select>
          </label>
          <div className="constraints wide" role="group" aria-label="Microphone processing">
            {CONSTRAINTS.map(({ key, label }) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={settings.microphone[key]}
                  onChange={(e) => setMicrophone({ [key]: e.target.checked })}
                />
                {label}
              </label>
            ))}
          </div>
        </>
      )}

      <label>
        <span>Camera</span>
        <select
          value={camera.deviceId ?? ''}
          title="Opens only during calls with a video <Record>"
          onChange={(e) => setCamera({ deviceId: e.target.value === '' ? null : e.target.value })}
        >
          <DeviceOptions devices={cameras} saved={camera.deviceId} />
        </select>
      </label>
      <label>
        <span>Camera resolution</span>
        <select
          value={resolution}
          onChange={(e) => {
            const [width = camera.width, height = camera.height] = e.target.value.split('x').map(Number);
            setCamera({ width, height });
          }}
        >
          {!RESOLUTIONS.some(([w, h]) => `${w}x${h}` === resolution) && (
            <option value={resolution}>
              {camera.width}×{camera.height}
            </option>
          )}
          {RESOLUTIONS.map(([w, h]) => (
            <option key={`${w}x${h}`} value={`${w}x${h}`}>
              {w}×{h}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Camera frame rate</span>
        <select value={camera.frameRate} onChange={(e) => setCamera({ frameRate: Number(e.target.value) })}>
          {!FRAME_RATES.includes(camera.frameRate) && (
            <option value={camera.frameRate}>{camera.frameRate} fps</option>
          )}
          {FRAME_RATES.map((rate) => (
            <option key={rate} value={rate}>
              {rate} fps
            </option>
          ))}
        </select>
      </label>

      <label>
        <span>Network</span>
        <select
          value={network.codec}
          onChange={(e) => set({ network: { ...network, codec: e.target.value as NetworkCodec } })}
        >
          {NETWORK_CODECS.map((codec) => (
            <option key={codec} value={codec}>
              {codec}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Packet loss %</span>
        <input
          type="number"
          min={0}
          max={MAX_LOSS_PERCENT}
          step={1}
          value={network.lossPercent}
          disabled={network.codec === 'direct'}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (Number.isFinite(value))
              set({ network: { ...network, lossPercent: Math.min(MAX_LOSS_PERCENT, Math.max(0, value)) } });
          }}
        />
      </label>
      <label>
        <span>Jitter ms</span>
        <input
          type="number"
          min={0}
          max={MAX_JITTER_MS}
          step={10}
          value={network.jitterMs}
          disabled={network.codec === 'direct'}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (Number.isFinite(value))
              set({ network: { ...network, jitterMs: Math.min(MAX_JITTER_MS, Math.max(0, value)) } });
          }}
        />
      </label>

      <LiveServers
        key={settings.liveOrigins.join('\n')}
        origins={settings.liveOrigins}
        serverOrigins={serverOrigins}
        onChange={(liveOrigins) => set({ liveOrigins })}
      />
      <label>
        <span>Auth token</span>
        <input
          value={settings.authToken}
          onChange={(e) => set({ authToken: e.target.value })}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="auth-token-help"
        />
        <small id="auth-token-help" className="hint">
          Signs twilio requests (X-Twilio-Signature).
        </small>
      </label>
      <label>
        <span>HTTP timeout (s)</span>
        <input
          type="number"
          min={1}
          max={120}
          value={settings.httpTimeoutSeconds}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (Number.isFinite(value) && value >= 1 && value <= 120) set({ httpTimeoutSeconds: value });
          }}
        />
      </label>
    </fieldset>
  );
}
