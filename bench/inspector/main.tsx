// The inspector pane alone, fed by a real CallDriver's log with fake I/O, for bench/inspector.ts.
import { createRoot } from 'react-dom/client';
import { CallDriver, type MockServerControl } from '../../src/browser/call-driver.ts';
import type { CallIo } from '../../src/browser/call-io.ts';
import type { HttpRequest } from '../../src/engine/events.ts';
import { InspectorPane } from '../../src/ui/inspector-pane.tsx';
import '../../src/ui/app.css';

const io = {
  timers: { now: () => performance.now(), setInterval: () => () => undefined },
  liveServer: null,
} as unknown as CallIo;
const server = { setCall() {}, setRules() {}, add() {}, clear() {} } as unknown as MockServerControl;
const driver = new CallDriver(io, server);

let id = 1;
function request(): HttpRequest {
  const n = id++;
  const params = {
    CallSid: 'CA0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+15551230001',
    To: '+15559870002',
    CallStatus: 'in-progress',
    ApiVersion: '2012-04-24',
    Direction: 'inbound',
    CallerName: 'Sandbox Caller',
    Digits: String(n % 10),
  };
  return {
    id: n,
    method: 'POST',
    url: `https://app.example.com/step-${n}`,
    target: `https://app.example.com/step-${n}`,
    params,
    body: new URLSearchParams(params).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    purpose: 'redirect',
    recordingSid: null,
    background: false,
  };
}

function add(): void {
  const r = request();
  const number = driver.log.addRequest(r, r.id * 800, performance.now(), null);
  driver.log.complete(number, {
    response: {
      status: 200,
      contentType: 'text/xml',
      headers: { 'content-type': 'text/xml' },
      body: `<Response><Redirect>/step-${r.id + 1}</Redirect></Response>`,
      ruleId: 'catch-all',
      ruleLabel: '“Catch-all”',
      durationMs: 2,
    },
    error: null,
  });
}

const frame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

declare global {
  interface Window {
    fillTo(count: number): Promise<void>;
    measureUpdate(): Promise<number>;
  }
}

window.fillTo = async (count) => {
  while (id <= count) add();
  await frame();
};

/**
 * One more request (added and answered, as a call does): the main thread's time for it, from the store
 * update through React's render and commit to the style and layout of the page (forced by reading a
 * layout property), measured on an idle frame.
 */
window.measureUpdate = async () => {
  await frame();
  const started = performance.now();
  add();
  // React flushes an external store's update in a microtask queued by the update: wait for it.
  await Promise.resolve();
  await Promise.resolve();
  void document.body.offsetHeight;
  return performance.now() - started;
};

createRoot(document.getElementById('root')!).render(<InspectorPane driver={driver} />);
