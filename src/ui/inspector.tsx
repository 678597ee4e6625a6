import { useState } from 'react';
import type { InspectorRequest } from '../browser/call-driver.ts';
import { copyText } from '../browser/clipboard.ts';
import { paramsAsJson, toCurl } from '../browser/request-export.ts';
import type { Notification } from '../engine/events.ts';
import { formatDiagnostic } from './diagnostics-list.tsx';

const PURPOSES: Record<InspectorRequest['purpose'], string> = {
  document: 'document',
  'record-action': 'Record action',
  'gather-action': 'Gather action',
  redirect: 'Redirect',
};

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

function answeredBy(ruleId: string | null): string {
  if (ruleId === 'document') return 'the document (the RCML in the editor)';
  if (ruleId === 'none' || ruleId === null) return 'no rule (404)';
  return `rule ${ruleId}`;
}

function RequestItem({
  request,
  onResend,
}: {
  request: InspectorRequest;
  onResend?: (entryId: string) => void;
}) {
  const { response } = request;
  const seconds = (request.clockSamples / 8000).toFixed(2);
  return (
    <li id={`request-${request.entryId}`} className="request">
      <div className="request-line">
        <span className={`method method-${request.method}`}>{request.method}</span>{' '}
        <span className="url">{request.url}</span>
      </div>
      <div className="request-meta">
        {PURPOSES[request.purpose]} · at {seconds} s on the call clock
        {request.resendOf && <> · re-send of request {request.resendOf}</>}
      </div>
      <KeyValueTable
        values={request.params}
        caption={request.method === 'GET' ? 'Query parameters' : 'Form parameters'}
      />
      <details>
        <summary>Request headers and body</summary>
        <KeyValueTable values={request.headers} caption="Headers" />
        {request.body !== null && <pre className="body">{request.body}</pre>}
      </details>
      {response && (
        <div className="response">
          <div>
            Response{' '}
            <span className={`status status-${Math.floor(response.status / 100)}xx`}>{response.status}</span>{' '}
            {response.contentType} · {response.durationMs.toFixed(0)} ms · answered by{' '}
            {answeredBy(response.ruleId)}
          </div>
          <pre className="body" aria-label="Response body">
            {response.body}
          </pre>
          <details>
            <summary>Response headers</summary>
            <KeyValueTable values={response.headers} caption="Headers" />
          </details>
        </div>
      )}
      {request.error && <div className="error">Network error: {request.error}</div>}
      {!response && !request.error && <div className="pending">Waiting for the response…</div>}
      <div className="request-actions">
        <CopyButton label="Copy as curl" text={() => toCurl(request)} />
        <CopyButton label="Copy parameters as JSON" text={() => paramsAsJson(request)} />
        {onResend && (
          <button type="button" className="small" onClick={() => onResend(request.entryId)}>
            Re-send
          </button>
        )}
      </div>
    </li>
  );
}

interface InspectorProps {
  requests: InspectorRequest[];
  notifications: Notification[];
  /** Re-sends a request against the current rules. */
  onResend?: (entryId: string) => void;
}

export function Inspector({ requests, notifications, onResend }: InspectorProps) {
  return (
    <>
      <section aria-label="Requests" className="requests">
        <h2>Requests</h2>
        {requests.length === 0 ? (
          <p className="empty">Start a call: every request it makes shows here.</p>
        ) : (
          <ol>
            {requests.map((request) => (
              <RequestItem key={request.entryId} request={request} onResend={onResend} />
            ))}
          </ol>
        )}
      </section>
      <section aria-label="Notifications" className="notifications">
        <h2>Notifications</h2>
        {notifications.length === 0 ? (
          <p className="empty">Warnings and errors of the call show here.</p>
        ) : (
          <ul>
            {notifications.map((n, index) => (
              <li key={index} className={`diagnostic diagnostic-${n.severity}`}>
                <span className="severity">{n.severity}</span> {formatDiagnostic(n)}
                {n.url && <span className="source"> in {n.url}</span>}
                {n.requestId !== null && (
                  <>
                    {' '}
                    (<a href={`#request-${n.requestId}`}>request {n.requestId}</a>)
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
