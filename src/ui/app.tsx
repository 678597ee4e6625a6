import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
} from 'react';
import { defaultWorkspace } from '../browser/permalink.ts';
import { detectorStatus } from '../browser/silero-status.ts';
import type { MockRule } from '../browser/mock-rules.ts';
import { CallSettingsForm } from './call-settings.tsx';
import { DiagnosticsList } from './diagnostics-list.tsx';
import type { Example } from './examples.ts';
import { formatXml } from './format-xml.ts';
import { Inspector } from './inspector.tsx';
import { Phone } from './phone.tsx';
import { Recordings } from './recordings.tsx';
import { Splitter } from './splitter.tsx';
import { useDebounced } from './use-debounced.ts';
import { useParser } from './use-parser.ts';
import { useSandbox } from './use-sandbox.ts';
import { useSavedRecordings } from './use-saved-recordings.ts';
import { useWorkspace, type InitialWorkspace } from './use-workspace.ts';
import { ClearControl, ExamplesMenu, ShareLink } from './workspace-tools.tsx';

const RcmlEditor = lazy(() => import('./rcml-editor.tsx'));
const RuleEditor = lazy(() => import('./rule-editor.tsx').then((module) => ({ default: module.RuleEditor })));

type Tab = 'document' | 'rules';
const TABS: { id: Tab; label: string }[] = [
  { id: 'document', label: 'Document' },
  { id: 'rules', label: 'Mock responses' },
];

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}

/** The editor's place while CodeMirror loads: the same box, showing the text, so nothing moves. */
function EditorFallback({ text }: { text: string }) {
  return (
    <div className="rcml-editor rcml-editor-loading" aria-hidden="true">
      <pre>{text}</pre>
    </div>
  );
}

export function App({ initial }: { initial: InitialWorkspace }) {
  const { driver, snapshot, startupError } = useSandbox();
  const detector = useSyncExternalStore(detectorStatus.subscribe, detectorStatus.getSnapshot);
  const parse = useParser();
  const { workspace, setWorkspace, update, storageProblem, setStorageProblem } = useWorkspace(
    initial.workspace,
    initial.canSave,
  );
  const [notice, setNotice] = useState(initial.notice);
  const [tab, setTab] = useState<Tab>('document');
  const [formatProblem, setFormatProblem] = useState<string | null>(null);
  const [callStartIndex, setCallStartIndex] = useState<number | null>(null);
  const [widths, setWidths] = useState({ rcml: 36, phone: 25 });
  const panes = useRef<HTMLElement>(null);
  const { rcml, rules, settings } = workspace;

  const { forget } = useSavedRecordings(driver, snapshot.recordings, setStorageProblem);

  const checkedText = useDebounced(rcml, 150);
  const diagnostics = useMemo(
    () => (parse ? parse(checkedText, { profile: settings.profile }).diagnostics : []),
    [parse, checkedText, settings.profile],
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const documentUrlValid = isHttpUrl(settings.documentUrl);
  const inCall = snapshot.phase === 'starting' || snapshot.phase === 'in-call';

  let blockedReason: string | null = null;
  if (startupError) blockedReason = startupError;
  else if (!driver || !parse) blockedReason = 'Starting the mock server…';
  else if (detector.status === 'loading')
    blockedReason = `Loading the voice detector… ${Math.round(detector.progress * 100)}%`;
  else if (errors > 0)
    blockedReason = `Fix ${errors === 1 ? 'the error' : `the ${errors} errors`} in the RCML first.`;
  else if (!documentUrlValid) blockedReason = 'The document URL must be an http or https URL.';
  else if (checkedText !== rcml) blockedReason = 'Checking the RCML…';

  useEffect(() => {
    driver?.setRules(rules);
  }, [driver, rules]);

  const onStart = useCallback(() => {
    if (!driver) return;
    setCallStartIndex(driver.getSnapshot().recordings.length);
    void driver.start(rcml, settings, rules);
  }, [driver, rcml, settings, rules]);

  const setRcml = useCallback(
    (text: string) => {
      setFormatProblem(null);
      update({ rcml: text });
    },
    [update],
  );
  const setRules = useCallback((next: MockRule[]) => update({ rules: next }), [update]);

  const onFormat = () => {
    const formatted = formatXml(rcml);
    if (formatted === null)
      setFormatProblem('Only well-formed XML can be formatted: fix the XML errors first.');
    else setRcml(formatted);
  };

  const loadExample = (example: Example) => {
    setWorkspace((current) => ({
      rcml: example.rcml,
      rules: example.rules,
      settings: example.profile ? { ...current.settings, profile: example.profile } : current.settings,
    }));
    setTab('document');
    setNotice({ kind: 'info', text: `Loaded the example “${example.title}”: ${example.description}` });
  };

  const onClear = () => {
    forget();
    setWorkspace(defaultWorkspace());
    setCallStartIndex(null);
    setNotice({
      kind: 'info',
      text: 'Cleared: the default document, rules and settings are back, and no recordings are kept.',
    });
  };

  const call = snapshot.call;
  const runningLine =
    snapshot.phase === 'in-call' && call?.verb && call.documentUrl === settings.documentUrl
      ? call.verb.position.line
      : null;
  const callRecordings = callStartIndex === null ? [] : snapshot.recordings.slice(callStartIndex);
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
        <section aria-label="RCML document" className="pane editor-pane">
          <div className="pane-head">
            <h2>RCML</h2>
            <div role="tablist" aria-label="RCML pane" className="tabs">
              {TABS.map(({ id, label }) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={tab === id}
                  aria-controls={`panel-${id}`}
                  tabIndex={tab === id ? 0 : -1}
                  onClick={() => setTab(id)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                      const next = tab === 'document' ? 'rules' : 'document';
                      setTab(next);
                      document.getElementById(`tab-${next}`)?.focus();
                    }
                  }}
                >
                  {label}
                  {id === 'rules' && <span className="count"> ({rules.length})</span>}
                </button>
              ))}
            </div>
          </div>
          <div
            role="tabpanel"
            id="panel-document"
            aria-labelledby="tab-document"
            className="tab-panel document-panel"
            hidden={tab !== 'document'}
          >
            <div className="editor-toolbar">
              <button type="button" onClick={onFormat} disabled={inCall}>
                Format document
              </button>
              <span className="hint">Ctrl+Space: complete · Tab: leave the editor</span>
              {formatProblem && <span className="error">{formatProblem}</span>}
            </div>
            <Suspense fallback={<EditorFallback text={rcml} />}>
              <RcmlEditor
                value={rcml}
                onChange={setRcml}
                diagnostics={diagnostics}
                diagnosedText={checkedText}
                runningLine={runningLine}
              />
            </Suspense>
            <div className="diagnostics-box">
              <DiagnosticsList diagnostics={diagnostics} />
              {parse && diagnostics.length === 0 && checkedText === rcml && (
                <p className="ok-note">No problems found.</p>
              )}
            </div>
          </div>
          <div
            role="tabpanel"
            id="panel-rules"
            aria-labelledby="tab-rules"
            className="tab-panel rules-panel"
            hidden={tab !== 'rules'}
          >
            {tab === 'rules' && (
              <Suspense fallback={<p className="empty">Loading the rule editor…</p>}>
                <RuleEditor rules={rules} onChange={setRules} profile={settings.profile} />
              </Suspense>
            )}
          </div>
        </section>
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
          snapshot={snapshot}
          callRecordings={callRecordings}
          canStart={blockedReason === null}
          blockedReason={blockedReason}
          detector={detector}
          onStart={onStart}
          onHangup={() => driver?.hangup()}
          onKey={(key) => driver?.key(key)}
          settings={
            <CallSettingsForm
              settings={settings}
              onChange={(next) => update({ settings: next })}
              documentUrlValid={documentUrlValid}
              disabled={inCall}
              refreshDevices={snapshot.phase}
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
        <section aria-label="Inspector" className="pane inspector-pane">
          <div className="inspector-timeline">
            <Inspector
              requests={snapshot.requests}
              notifications={snapshot.notifications}
              onResend={(entryId) => void driver?.resend(entryId)}
            />
          </div>
          <Recordings recordings={snapshot.recordings} requests={snapshot.requests} />
        </section>
      </main>
    </div>
  );
}
