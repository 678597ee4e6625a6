import { useMemo, useState } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import { exportPlaywrightTest, exportSimulateTest, type FinishedCall } from '../browser/call-export.ts';
import { copyText } from '../browser/clipboard.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { useStore } from './use-store.ts';

/** What the last call did, for the test that reproduces it (null while nothing finished). */
function finishedCall(driver: CallDriver, ended: string | null): FinishedCall | null {
  const options = driver.lastCallOptions();
  const view = driver.view.getSnapshot();
  if (!options || view.phase !== 'ended') return null;
  const { settings } = options;
  return {
    rcml: options.rcml,
    rules: options.rules,
    settings,
    caller:
      settings.caller.source === 'file' && options.callerAudio
        ? { kind: 'file', name: options.callerAudio.name, starts: settings.caller.starts }
        : { kind: 'microphone' },
    keys: view.keys
      .filter((k) => k.source === 'keypad')
      .map((k) => ({ key: k.key, atSeconds: k.atSample / SAMPLE_RATE_HZ })),
    speech: driver.lastCallSpeech(),
    requests: driver.log.snapshot.requests
      .filter((r) => r.resendOf === null && r.purpose !== 'play')
      .map((r) => ({
        purpose: r.purpose,
        method: r.method,
        url: r.url,
        params: r.params,
        status: r.response?.status ?? null,
      })),
    recordings: driver.recordings.entries
      .filter((r) => r.callSid === view.callSid)
      .map((r) => ({
        reason: r.reason,
        digits: r.digits,
        durationSeconds: r.durationSeconds,
        empty: r.empty,
      })),
    ended,
  };
}

function CopyArea({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="export-test">
      <label>
        <span>{label}</span>
        <textarea readOnly rows={8} value={text} spellCheck={false} onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" className="small" onClick={() => void copyText(text).then(setCopied)}>
        {copied === null
          ? `Copy the ${label.toLowerCase()}`
          : copied
            ? 'Copied'
            : 'Copy failed: select the text above'}
      </button>
    </div>
  );
}

/** On a finished call: the test that reproduces it, to copy into the user's own suite. */
export function ExportTest({ driver, ended }: { driver: CallDriver; ended: string | null }) {
  const [open, setOpen] = useState(false);
  const view = useStore(driver.view);
  const call = useMemo(
    () => (open && view.phase === 'ended' ? finishedCall(driver, ended) : null),
    [open, view, driver, ended],
  );
  if (view.phase !== 'ended') return null;
  const title = `replays call ${view.callSid ?? ''}`.trim();
  return (
    <div className="export-tests">
      <button type="button" className="small" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export the call as a test
      </button>
      {open && call && (
        <div role="region" aria-label="Export the call as a test">
          <CopyArea label="Playwright test" text={exportPlaywrightTest(call, title)} />
          {call.caller.kind === 'microphone' && (
            <CopyArea label="simulateCall test" text={exportSimulateTest(call, title)} />
          )}
        </div>
      )}
    </div>
  );
}
