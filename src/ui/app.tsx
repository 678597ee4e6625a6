import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { CallerAudio } from '../browser/call-io.ts';
import { IDLE_VIEW, type CallView } from '../browser/call-view.ts';
import { defaultWorkspace } from '../browser/permalink.ts';
import { Store } from '../browser/store.ts';
import type { MockRule } from '../engine/mock-rules.ts';
import { CallSettingsForm } from './call-settings.tsx';
import { EditorPane } from './editor-pane.tsx';
import type { Example } from '../engine/examples.ts';
import { InspectorPane } from './inspector-pane.tsx';
import { Phone } from './phone.tsx';
import { Splitter } from './splitter.tsx';
import { useDebounced } from './use-debounced.ts';
import { useParser } from './use-parser.ts';
import { useSandbox } from './use-sandbox.ts';
import { useInterruptedCall } from './use-interrupted-call.ts';
import { useSavedRecordings } from './use-saved-recordings.ts';
import { useStoreSelector } from './use-store.ts';
import { useWorkspace, type InitialWorkspace, type Notice } from './use-workspace.ts';
import { ClearControl, ExamplesMenu, ShareLink } from './workspace-tools.tsx';

const IDLE_STORE = new Store<CallView>(IDLE_VIEW);
const selectPhase = (view: CallView) => view.phase;

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}

/**
 * The page: the workspace (document, rules, settings) and the three panes. It subscribes to the call only
 * for its phase; the panes subscribe to what they show (the phone to every audio chunk, the inspector to
 * the log, the recordings to the library), so a chunk re-renders the phone alone.
 */
export function App({ initial }: { initial: InitialWorkspace }) {
  const { driver, startupError, whenReady } = useSandbox();
  const [dialing, setDialing] = useState(false);
  const parse = useParser();
  const [notice, setNotice] = useState<Notice | null>(initial.notice);
  const { workspace, setWorkspace, update, storageProblem, setStorageProblem } = useWorkspace(
    initial,
    setNotice,
  );
  const { forget } = useSavedRecordings(driver, setStorageProblem, setNotice);
  useInterruptedCall(driver, setNotice);
  const [callerAudio, setCallerAudio] = useState<CallerAudio | null>(null);
  const [widths, setWidths] = useState({ rcml: 36, phone: 25 });
  const panes = useRef<HTMLElement>(null);
  const phase = useStoreSelector(driver?.view ?? IDLE_STORE, selectPhase);
  const inCall = phase === 'starting' || phase === 'in-call';
  const { rcml, rules, settings } = workspace;

  const checkedText = useDebounced(rcml, 150);
  const diagnostics = useMemo(
    () => (parse ? parse(checkedText, { profile: settings.profile }).diagnostics : []),
    [parse, checkedText, settings.profile],
  );
  const documentIsLive = settings.liveOrigins.some(
    (origin) => URL.canParse(settings.documentUrl) && new URL(settings.documentUrl).origin === origin,
  );
  const errors = documentIsLive ? 0 : diagnostics.filter((d) => d.severity === 'error').length;
  const documentUrlValid = isHttpUrl(settings.documentUrl);

  let blockedReason: string | null = null;
  if (startupError) blockedReason = startupError;
  else if (!parse) blockedReason = 'Loading the RCML checker…';
  else if (errors > 0)
    blockedReason = `Fix ${errors === 1 ? 'the error' : `the ${errors} errors`} in the RCML first.`;
  else if (!documentUrlValid) blockedReason = 'The document URL must be an http or https URL.';
  else if (settings.caller.source === 'file' && !callerAudio)
    blockedReason = 'Choose a caller audio file (or a sample caller) first.';
  else if (!documentIsLive && checkedText !== rcml) blockedReason = 'Checking the RCML…';

  // The mock server answers re-sends with the rules as they are now.
  useEffect(() => driver?.setRules(rules), [driver, rules]);

  // A call can be started as soon as the page is interactive: it connects once the mock server is up.
  const onStart = useCallback(() => {
    setDialing(true);
    whenReady((ready) => {
      setDialing(false);
      void ready.start({ rcml, settings, rules, callerAudio });
    });
  }, [whenReady, rcml, settings, rules, callerAudio]);

  const setRules = useCallback((next: MockRule[]) => update({ rules: next }), [update]);

  const loadExample = (example: Example) => {
    setWorkspace((current) => ({
      rcml: example.rcml,
      rules: example.rules,
      settings: {
        ...current.settings,
        ...(example.profile ? { profile: example.profile } : {}),
        ...(example.caller
          ? { caller: { ...current.settings.caller, source: 'file' as const, ...example.caller } }
          : {}),
      },
    }));
    setNotice({ kind: 'info', text: `Loaded the example “${example.title}”: ${example.description}` });
  };

  const onClear = () => {
    forget();
    setWorkspace(defaultWorkspace());
    setNotice({
      kind: 'info',
      text: 'Cleared: the default document, rules and settings are back, and no recordings are kept.',
    });
  };

  const measure = () => {
    const box = panes.current?.getBoundingClientRect();
    return box ? { left: box.left, width: box.width } : null;
  };

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>RCML Record Sandbox</h1>
          <p>Paste RCML, start a call, talk, and see every request the platform would send.</p>
        </div>
        <nav className="tools" aria-label="Workspace">
          <ExamplesMenu onLoad={loadExample} disabled={inCall} />
          <ShareLink workspace={workspace} />
          <ClearControl onClear={onClear} disabled={inCall} />
        </nav>
      </header>
      <div className="banners" aria-live="polite">
        {notice && (
          <p className={`banner banner-${notice.kind}`}>
            {notice.text}{' '}
            {notice.action && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  notice.action?.run();
                  setNotice(null);
                }}
              >
                {notice.action.label}
              </button>
            )}{' '}
            <button type="button" className="link-button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </p>
        )}
        {storageProblem && (
          <p className="banner banner-problem" role="alert">
            {storageProblem}
          </p>
        )}
      </div>
      <main
        ref={panes}
        className="panes"
        style={{ '--rcml-width': `${widths.rcml}%`, '--phone-width': `${widths.phone}%` } as CSSProperties}
      >
        <EditorPane
          driver={driver}
          workspace={workspace}
          onRcml={(text) => update({ rcml: text })}
          onRules={setRules}
          diagnostics={diagnostics}
          checkedText={checkedText}
          parse={parse}
          locked={inCall}
          documentIsLive={documentIsLive}
        />
        <Splitter
          label="Resize the RCML pane"
          value={widths.rcml}
          min={22}
          max={60}
          offset={0}
          measure={measure}
          onChange={(value) => setWidths((w) => ({ ...w, rcml: value }))}
        />
        <Phone
          driver={driver}
          dialing={dialing && !startupError}
          canStart={blockedReason === null}
          blockedReason={blockedReason}
          onStart={onStart}
          settings={
            <CallSettingsForm
              settings={settings}
              onChange={(next) => update({ settings: next })}
              documentUrlValid={documentUrlValid}
              disabled={inCall}
              refreshDevices={phase}
              callerAudio={callerAudio}
              onCallerAudio={setCallerAudio}
              serverOrigins={driver?.serverOrigins ?? null}
            />
          }
        />
        <Splitter
          label="Resize the phone pane"
          value={widths.phone}
          min={20}
          max={40}
          offset={widths.rcml}
          measure={measure}
          onChange={(value) => setWidths((w) => ({ ...w, phone: value }))}
        />
        <InspectorPane driver={driver} />
      </main>
    </div>
  );
}
