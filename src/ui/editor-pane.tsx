import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import { IDLE_VIEW, type CallView } from '../browser/call-view.ts';
import type { InspectorSnapshot } from '../browser/inspector-log.ts';
import type { Workspace } from '../browser/permalink.ts';
import { Store } from '../browser/store.ts';
import type { MockRule } from '../engine/mock-rules.ts';
import type { parseRcml } from '../rcml/parse.ts';
import type { Diagnostic } from '../rcml/types.ts';
import { DiagnosticsList } from './diagnostics-list.tsx';
import { formatXml } from './format-xml.ts';
import { useStoreSelector } from './use-store.ts';

const RcmlEditor = lazy(() => import('./rcml-editor.tsx'));
const RuleEditor = lazy(() => import('./rule-editor.tsx').then((module) => ({ default: module.RuleEditor })));

type Tab = 'document' | 'rules';
const TABS: { id: Tab; label: string }[] = [
  { id: 'document', label: 'Document' },
  { id: 'rules', label: 'Mock responses' },
];

const IDLE_STORE = new Store<CallView>(IDLE_VIEW);
const EMPTY_LOG = new Store<InspectorSnapshot>({ requests: [], notifications: [] });

/** The editor's place while CodeMirror loads: the same box, showing the text, so nothing moves. */
function EditorFallback({ text }: { text: string }) {
  return (
    <div className="rcml-editor rcml-editor-loading" aria-hidden="true">
      <pre>{text}</pre>
    </div>
  );
}

interface EditorPaneProps {
  driver: CallDriver | null;
  workspace: Workspace;
  onRcml: (text: string) => void;
  onRules: (rules: MockRule[]) => void;
  diagnostics: Diagnostic[];
  checkedText: string;
  parse: typeof parseRcml | null;
  /** A call runs the workspace as it was when it started: the editors are read-only meanwhile. */
  locked: boolean;
  /** The document URL is a live origin's: the call's document comes from the developer's server. */
  documentIsLive: boolean;
}

/** The RCML pane: the document (or, for a live document URL, what the server sent) and the mock rules. */
export function EditorPane(props: EditorPaneProps) {
  const { driver, workspace, onRcml, onRules, diagnostics, checkedText, parse, locked, documentIsLive } =
    props;
  const [tab, setTab] = useState<Tab>('document');
  const [formatProblem, setFormatProblem] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const { rcml, rules, settings } = workspace;

  const selectRunningLine = useCallback(
    (view: CallView) =>
      view.phase === 'in-call' && view.call?.verb && view.call.documentUrl === settings.documentUrl
        ? view.call.verb.position.line
        : null,
    [settings.documentUrl],
  );
  const runningLine = useStoreSelector(driver?.view ?? IDLE_STORE, selectRunningLine);
  // For a live document: what the server sent for the call's first request, and its diagnostics.
  const selectFetched = useCallback(
    (log: InspectorSnapshot) => log.requests.find((r) => r.purpose === 'document')?.response?.body ?? null,
    [],
  );
  const fetched = useStoreSelector(driver?.log.store ?? EMPTY_LOG, selectFetched);
  const fetchedDiagnostics = useMemo(
    () =>
      documentIsLive && fetched !== null && parse
        ? parse(fetched, { profile: settings.profile }).diagnostics
        : null,
    [documentIsLive, fetched, parse, settings.profile],
  );

  const setRcml = useCallback(
    (text: string) => {
      setFormatProblem(null);
      onRcml(text);
    },
    [onRcml],
  );
  const onFormat = () => {
    const formatted = formatXml(rcml);
    if (formatted === null)
      setFormatProblem('Only well-formed XML can be formatted: fix the XML errors first.');
    else setRcml(formatted);
  };

  return (
    <section
      aria-label="RCML document"
      className={`pane editor-pane${locked ? ' locked' : ''}${collapsed ? ' collapsed' : ''}`}
    >
      <div className="pane-head">
        <h2>RCML</h2>
        <button
          type="button"
          className="small collapse-editor"
          aria-expanded={!collapsed}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? 'Show the editor' : 'Hide the editor'}
        </button>
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
      {locked && (
        <p className="lock-note" role="note">
          Locked while the call runs: the call uses the document, rules and settings as they were when it
          started. Edit them after the call.
        </p>
      )}
      <div
        role="tabpanel"
        id="panel-document"
        aria-labelledby="tab-document"
        className="tab-panel document-panel"
        hidden={tab !== 'document'}
      >
        <div className="editor-toolbar">
          <button type="button" onClick={onFormat} disabled={locked}>
            Format document
          </button>
          <span className="hint">Ctrl+Space: complete · Tab: leave the editor</span>
          {formatProblem && <span className="error">{formatProblem}</span>}
        </div>
        {documentIsLive && (
          <p className="live-note" role="note">
            The document URL is on a live server ({new URL(settings.documentUrl).origin}): the call fetches
            its document there, and the text below is not used.
          </p>
        )}
        <Suspense fallback={<EditorFallback text={rcml} />}>
          <RcmlEditor
            value={rcml}
            onChange={setRcml}
            diagnostics={documentIsLive ? [] : diagnostics}
            diagnosedText={checkedText}
            runningLine={documentIsLive ? null : runningLine}
            readOnly={locked}
          />
        </Suspense>
        <div className="diagnostics-box">
          {documentIsLive ? (
            fetchedDiagnostics === null ? (
              <p className="hint">
                Diagnostics of the document your server sends show here once a call fetched it.
              </p>
            ) : (
              <>
                <p className="hint">Diagnostics of the document your server sent:</p>
                <DiagnosticsList diagnostics={fetchedDiagnostics} />
                {fetchedDiagnostics.length === 0 && <p className="ok-note">No problems found.</p>}
              </>
            )
          ) : (
            <>
              <DiagnosticsList diagnostics={diagnostics} />
              {parse && diagnostics.length === 0 && checkedText === rcml && (
                <p className="ok-note">No problems found.</p>
              )}
            </>
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
            <RuleEditor rules={rules} onChange={onRules} profile={settings.profile} locked={locked} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
