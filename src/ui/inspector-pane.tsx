import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import type { NetworkStats } from '../browser/call-io.ts';
import { IDLE_VIEW, type CallView } from '../browser/call-view.ts';
import { copyText } from '../browser/clipboard.ts';
import { downloadBytes } from '../browser/download.ts';
import type { InspectorNotification, InspectorRequest, InspectorSnapshot } from '../browser/inspector-log.ts';
import type { RecordingEntry } from '../browser/recording-library.ts';
import { paramsAsJson, toCurl } from '../browser/request-export.ts';
import { Store } from '../browser/store.ts';
import { timelineHar, timelineItems, timelineJson, type TimelineItem } from '../browser/timeline-export.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import { formatDiagnostic } from './diagnostics-list.tsx';
import { Recordings } from './recordings.tsx';
import { STOP_REASONS } from './stop-reasons.ts';
import { useStore, useStoreSelector } from './use-store.ts';

const EMPTY_LOG = new Store<InspectorSnapshot>({ requests: [], notifications: [] });
const NO_RECORDINGS = new Store<readonly RecordingEntry[]>([]);
const IDLE_STORE = new Store<CallView>(IDLE_VIEW);
const selectCall = (view: CallView) => ({
  callSid: view.callSid,
  running: view.phase === 'in-call' || view.phase === 'starting',
});
const sameCall = (a: ReturnType<typeof selectCall>, b: ReturnType<typeof selectCall>) =>
  a.callSid === b.callSid && a.running === b.running;

const selectNetwork = (view: CallView) => view.network;

/** The network between caller and platform (SPEC §11): the codec it negotiated and its packets. */
function NetworkLine({ network, running }: { network: NetworkStats; running: boolean }) {
  const lostShare = network.packetsSent > 0 ? (100 * network.packetsLost) / network.packetsSent : 0;
  return (
    <section aria-label="Network" className="network-line">
      <strong>Network {network.codec}</strong>
      {running ? '' : ' (call ended)'}: {network.packetsSent} packets sent, {network.packetsLost} lost (
      {lostShare.toFixed(1)} %), {network.packetsConcealed} concealed; jitter {network.jitterMs.toFixed(1)} ms
    </section>
  );
}

const PURPOSES: Record<InspectorRequest['purpose'], string> = {
  document: 'document',
  'record-action': 'Record action',
  'gather-action': 'Gather action',
  redirect: 'Redirect',
  'recording-status': 'recording status callback',
  transcription: 'transcription callback',
  play: 'Play',
};

type Filter = 'all' | 'request' | 'notification' | 'recording';
const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'request', label: 'Requests' },
  { id: 'notification', label: 'Notifications' },
  { id: 'recording', label: 'Recordings' },
];

function at(clockSamples: number): string {
  return `${(clockSamples / SAMPLE_RATE_HZ).toFixed(2)} s`;
}

function KeyValueTable({ values, caption }: { values: Record<string, string>; caption: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <table className="params">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CopyButton({ label, text }: { label: string; text: () => string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="small"
      onClick={() => {
        void copyText(text()).then((ok) => setState(ok ? 'copied' : 'failed'));
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

function answeredBy(request: InspectorRequest): string {
  if (request.live) return `your server at ${request.live.address ?? new URL(request.live.target).host}`;
  const ruleId = request.response?.ruleId ?? null;
  if (ruleId === 'document') return 'the document (the RCML in the editor)';
  if (ruleId === 'none' || ruleId === null) return 'no rule (404)';
  return request.response?.ruleLabel ?? `rule ${ruleId}`;
}

/** One request: a line (method, URL, status, time, who answered) and its details on expand. */
const RequestItem = memo(function RequestItem({
  request,
  onResend,
}: {
  request: InspectorRequest;
  onResend?: (number: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const { response, error } = request;
  const status = response ? String(response.status) : error ? `error ${error.code}` : '…';
  const detailsId = `request-${request.number}-details`;
  return (
    <li id={`request-${request.number}`} className={`timeline-item request${open ? ' open' : ''}`}>
      <div className="timeline-line">
        <button
          type="button"
          className="expander"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
        >
          <span className="item-number">#{request.number}</span>{' '}
          <span className={`method method-${request.method}`}>{request.method}</span>{' '}
          <span className="url">{request.url}</span>
        </button>
        <span className={`status status-${response ? Math.floor(response.status / 100) : 'x'}xx`}>
          {status}
        </span>
        {response && <span className="took">{response.durationMs.toFixed(0)} ms</span>}
        <span className="clock">{at(request.clockSamples)}</span>
        {request.live && <span className="live-badge">live</span>}
      </div>
      <div className="timeline-sub">
        {PURPOSES[request.purpose]}
        {request.resendOf !== null && <> · re-send of request {request.resendOf}</>}
        {response && <> · answered by {answeredBy(request)}</>}
        {request.live && <> · live: {request.live.target}</>}
        {error && <span className="error"> · {error.message}</span>}
        {!response && !error && <span className="pending"> · waiting for the response…</span>}
        {onResend && (
          <button type="button" className="small inline" onClick={() => onResend(request.number)}>
            Re-send
          </button>
        )}
      </div>
      {/* Collapsed, the details stay readable by assistive technology (and tests), just not shown. */}
      <div id={detailsId} className={open ? 'request-details' : 'request-details visually-hidden'}>
        <KeyValueTable
          values={request.params}
          caption={request.method === 'GET' ? 'Query parameters' : 'Form parameters'}
        />
        <KeyValueTable values={request.headers} caption="Request headers" />
        {request.body !== null && <pre className="body">{request.body}</pre>}
        {response && (
          <div className="response">
            <div>
              Response{' '}
              <span className={`status status-${Math.floor(response.status / 100)}xx`}>
                {response.status}
              </span>{' '}
              {response.contentType} · {response.durationMs.toFixed(0)} ms · answered by {answeredBy(request)}
            </div>
            <pre className="body" aria-label="Response body">
              {response.body}
            </pre>
            <KeyValueTable values={response.headers} caption="Response headers" />
          </div>
        )}
        {error && (
          <div className="error">
            {error.code === 19010 ? 'Refused' : 'Network error'} ({error.code}): {error.message}
          </div>
        )}
        <div className="request-actions">
          <CopyButton label="Copy as curl" text={() => toCurl(request)} />
          <CopyButton label="Copy parameters as JSON" text={() => paramsAsJson(request)} />
        </div>
      </div>
    </li>
  );
});

const NotificationItem = memo(function NotificationItem({
  notification,
}: {
  notification: InspectorNotification;
}) {
  return (
    <div role="note" className={`timeline-item notification diagnostic-${notification.severity}`}>
      <span className="severity">{notification.severity}</span> {formatDiagnostic(notification)}
      {notification.url && <span className="source"> in {notification.url}</span>}
      {notification.requestNumber !== null && (
        <>
          {' '}
          (<a href={`#request-${notification.requestNumber}`}>request {notification.requestNumber}</a>)
        </>
      )}
      <span className="clock">{at(notification.clockSamples)}</span>
    </div>
  );
});

const RecordingLine = memo(function RecordingLine({ recording }: { recording: RecordingEntry }) {
  return (
    <div role="note" className="timeline-item recording-line">
      Recording <a href={`#recording-${recording.recordingSid}`}>{recording.recordingSid}</a>:{' '}
      {(recording.lengthSamples / SAMPLE_RATE_HZ).toFixed(2)} s, stopped because{' '}
      {STOP_REASONS[recording.reason]}
      {recording.empty ? ' (empty: no action request)' : ''}
      <span className="clock">{at(recording.endSample)}</span>
    </div>
  );
});

type Run = { kind: 'requests'; items: TimelineItem[] } | { kind: 'note'; item: TimelineItem };

/** Consecutive requests grouped (each group one list), notifications and recordings between them. */
function runs(items: TimelineItem[]): Run[] {
  const out: Run[] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (item.kind !== 'request') out.push({ kind: 'note', item });
    else if (last?.kind === 'requests') last.items.push(item);
    else out.push({ kind: 'requests', items: [item] });
  }
  return out;
}

function itemKey(item: TimelineItem): string {
  if (item.kind === 'request') return `r${item.request.number}`;
  if (item.kind === 'notification') return `n${item.index}`;
  return `c${item.recording.recordingSid}`;
}

/** Follows the newest item while the call runs, until the user scrolls up (and again once back at the end). */
function useAutoFollow(count: number) {
  const box = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  useLayoutEffect(() => {
    const element = box.current;
    if (following && element) element.scrollTop = element.scrollHeight;
  }, [count, following]);
  const onScroll = useCallback(() => {
    const element = box.current;
    if (!element) return;
    const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    setFollowing(atEnd);
  }, []);
  return { box, following, onScroll, follow: () => setFollowing(true) };
}

/** The inspector: the call's timeline (requests, notifications, recordings) and the recordings with players. */
export function InspectorPane({ driver }: { driver: CallDriver | null }) {
  const log = useStore(driver?.log.store ?? EMPTY_LOG);
  const recordings = useStore(driver?.recordings.store ?? NO_RECORDINGS);
  const { callSid, running } = useStoreSelector(driver?.view ?? IDLE_STORE, selectCall, sameCall);
  const network = useStoreSelector(driver?.view ?? IDLE_STORE, selectNetwork);
  const [filter, setFilter] = useState<Filter>('all');
  const callRecordings = useMemo(
    () => (callSid === null ? [] : recordings.filter((r) => r.callSid === callSid)),
    [recordings, callSid],
  );
  const items = useMemo(() => timelineItems(log, callRecordings), [log, callRecordings]);
  const shown = filter === 'all' ? items : items.filter((item) => item.kind === filter);
  const { box, following, onScroll, follow } = useAutoFollow(shown.length);
  const onResend = useCallback((number: number) => void driver?.resend(number), [driver]);
  const started = useRef(new Date());
  useEffect(() => {
    if (running) started.current = new Date();
  }, [running]);

  const exportJson = () =>
    downloadBytes(
      new TextEncoder().encode(
        JSON.stringify(timelineJson(log, callRecordings, callSid, new Date()), null, 2),
      ),
      `${callSid ?? 'call'}-timeline.json`,
      'application/json',
    );
  const exportHar = () =>
    downloadBytes(
      new TextEncoder().encode(JSON.stringify(timelineHar(log, started.current, '1'), null, 2)),
      `${callSid ?? 'call'}.har`,
      'application/json',
    );

  return (
    <section aria-label="Inspector" className="pane inspector-pane">
      <div className="inspector-toolbar">
        <h2>Timeline</h2>
        <div role="radiogroup" aria-label="Show" className="filters">
          {FILTERS.map(({ id, label }) => (
            <label key={id} className={filter === id ? 'filter on' : 'filter'}>
              <input
                type="radio"
                name="timeline-filter"
                checked={filter === id}
                onChange={() => setFilter(id)}
              />
              {label}
            </label>
          ))}
        </div>
        <button type="button" className="small" onClick={exportJson} disabled={items.length === 0}>
          Export JSON
        </button>
        <button type="button" className="small" onClick={exportHar} disabled={log.requests.length === 0}>
          Export HAR
        </button>
      </div>
      {network ? <NetworkLine network={network} running={running} /> : null}
      <div className="inspector-timeline" ref={box} onScroll={onScroll}>
        <section aria-label="Requests" className="requests">
          {items.length === 0 ? (
            <p className="empty">
              Start a call: every request it makes, every notification and recording shows here.
            </p>
          ) : (
            <div className="timeline">
              {runs(shown).map((run) =>
                run.kind === 'requests' ? (
                  // Requests in a row are one list (one listitem per request); notes stand between lists.
                  <ol key={itemKey(run.items[0]!)} className="timeline-requests">
                    {run.items.map((item) =>
                      item.kind === 'request' ? (
                        <RequestItem key={itemKey(item)} request={item.request} onResend={onResend} />
                      ) : null,
                    )}
                  </ol>
                ) : run.item.kind === 'notification' ? (
                  <NotificationItem key={itemKey(run.item)} notification={run.item.notification} />
                ) : run.item.kind === 'recording' ? (
                  <RecordingLine key={itemKey(run.item)} recording={run.item.recording} />
                ) : null,
              )}
            </div>
          )}
        </section>
      </div>
      {!following && running && (
        <button type="button" className="small follow" onClick={follow}>
          Follow the call
        </button>
      )}
      <Recordings recordings={recordings} requests={log.requests} />
    </section>
  );
}
