import { useEffect, useState } from 'react';
import type { CallSettings } from '../browser/call-driver.ts';
import { listMicrophones, type MicrophoneSettings } from '../browser/microphone.ts';
import { PROFILE_NAMES, type ProfileName } from '../rcml/types.ts';

interface CallSettingsProps {
  settings: CallSettings;
  onChange: (settings: CallSettings) => void;
  documentUrlValid: boolean;
  /** Settings apply from the next call; they are locked while one runs. */
  disabled: boolean;
  /** Changes when device labels may have become readable (after a call got the microphone). */
  refreshDevices: unknown;
}

const CONSTRAINTS: { key: keyof Omit<MicrophoneSettings, 'deviceId'>; label: string }[] = [
  { key: 'echoCancellation', label: 'Echo cancellation' },
  { key: 'noiseSuppression', label: 'Noise suppression' },
  { key: 'autoGainControl', label: 'Auto gain control' },
];

function useMicrophones(refresh: unknown): { deviceId: string; label: string }[] {
  const [devices, setDevices] = useState<{ deviceId: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      listMicrophones().then(
        (found) => live && setDevices(found.filter((d) => d.deviceId !== '' && d.deviceId !== 'default')),
        () => live && setDevices([]),
      );
    void read();
    navigator.mediaDevices?.addEventListener('devicechange', read);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener('devicechange', read);
    };
  }, [refresh]);
  return devices;
}

export function CallSettingsForm({
  settings,
  onChange,
  documentUrlValid,
  disabled,
  refreshDevices,
}: CallSettingsProps) {
  const devices = useMicrophones(refreshDevices);
  const set = (patch: Partial<CallSettings>) => onChange({ ...settings, ...patch });
  const setMicrophone = (patch: Partial<MicrophoneSettings>) =>
    set({ microphone: { ...settings.microphone, ...patch } });
  const deviceKnown =
    settings.microphone.deviceId === null || devices.some((d) => d.deviceId === settings.microphone.deviceId);
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
      <label className="wide">
        <span>Microphone</span>
        <select
          value={settings.microphone.deviceId ?? ''}
          onChange={(e) => setMicrophone({ deviceId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">System default</option>
          {!deviceKnown && settings.microphone.deviceId && (
            <option value={settings.microphone.deviceId}>Saved device (not connected)</option>
          )}
          {devices.map((device) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label}
            </option>
          ))}
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
    </fieldset>
  );
}
