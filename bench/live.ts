// The live-server forwarder's cost on loopback: the latency it adds to one request of a call (median and
// p95 over 1,000 requests through POST /__sandbox/forward against the same request sent straight from Node
// to the app; keep-alive on every hop; goal ≤ 2 ms median added), and the requests per second one
// forwarder handles with 20 concurrent clients.
// The app, the sandbox server and the clients run in three processes, as they do for a developer.
// Run: `node --import tsx bench/live.ts`. Prints figures; never asserts.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSandboxServer } from '../src/node/sandbox-server.ts';

const REQUESTS = 1000;
const WARMUP = 200;
const CONCURRENT_CLIENTS = 20;
const THROUGHPUT_REQUESTS = 6000;
const GOAL_ADDED_MEDIAN_MS = 2;

const FORM =
  'AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01&CallSid=CA0123456789abcdef0123456789abcdef' +
  '&CallStatus=in-progress&Direction=inbound&From=%2B15551230000&To=%2B15559870000&RecordingDuration=5' +
  '&RecordingUrl=http%3A%2F%2F127.0.0.1%3A5173%2F2010-04-01%2FAccounts%2FAC0123456789abcdef0123456789abcdef' +
  '%2FRecordings%2FRE0123456789abcdef0123456789abcdef&Digits=%23';
const RCML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Thanks, goodbye.</Say><Hangup/></Response>';
const SIGNATURE = 'Ysq4nQ9HhVjZ3b8F2TeYx+Dq1nA=';

type Role = 'app' | 'sandbox';

/** In a child: start the app or the sandbox server on a free loopback port and report it to the parent. */
async function runChild(role: Role): Promise<void> {
  let secret = '';
  const handler =
    role === 'app'
      ? createServer((request, response) => {
          request.resume();
          request.on('end', () => {
            response.writeHead(200, { 'Content-Type': 'application/xml' });
            response.end(RCML);
          });
        })
      : (() => {
          const origin = process.env.BENCH_APP_ORIGIN ?? '';
          const sandbox = createSandboxServer({ liveOrigins: [origin] });
          secret = sandbox.secret;
          return createServer((request, response) => sandbox.handle(request, response));
        })();
  handler.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
  process.send?.({ port: (handler.address() as AddressInfo).port, secret });
  process.on('disconnect', () => process.exit(0));
}

function startChild(
  role: Role,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number; secret: string }> {
  const child = fork(fileURLToPath(import.meta.url), [`--${role}`], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...(message as { port: number; secret: string }) }));
    child.once('exit', (code) => reject(new Error(`${role} exited (${code})`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });

function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;

async function main(): Promise<void> {
  const app = await startChild('app');
  const appOrigin = `http://127.0.0.1:${app.port}`;
  const sandbox = await startChild('sandbox', { BENCH_APP_ORIGIN: appOrigin });
  try {
    const direct = (): Promise<string> =>
      post(
        app.port,
        '/voice',
        { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': SIGNATURE },
        FORM,
      );
    const envelope = JSON.stringify({
      method: 'POST',
      url: `${appOrigin}/voice`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': SIGNATURE },
      body: FORM,
      liveOrigins: [],
      timeoutMs: 15_000,
    });
    const sandboxOrigin = `http://127.0.0.1:${sandbox.port}`;
    const forwarded = async (): Promise<string> => {
      const text = await post(
        sandbox.port,
        '/__sandbox/forward',
        {
          'Content-Type': 'application/json',
          'X-Sandbox-Secret': sandbox.secret,
          Origin: sandboxOrigin,
          'Sec-Fetch-Site': 'same-origin',
        },
        envelope,
      );
      // The page parses the answer too: count that in.
      const answer = JSON.parse(text) as { outcome: string; body?: string };
      if (answer.outcome !== 'response' || answer.body !== RCML)
        throw new Error(`unexpected answer: ${text}`);
      return text;
    };

    for (let i = 0; i < WARMUP; i += 1) {
      await direct();
      await forwarded();
    }
    // Alternate the two kinds so that drift on a shared machine affects both alike.
    const directMs: number[] = [];
    const forwardMs: number[] = [];
    for (let i = 0; i < REQUESTS; i += 1) {
      let start = performance.now();
      await direct();
      directMs.push(performance.now() - start);
      start = performance.now();
      await forwarded();
      forwardMs.push(performance.now() - start);
    }
    directMs.sort((a, b) => a - b);
    forwardMs.sort((a, b) => a - b);
    const addedMedian = percentile(forwardMs, 50) - percentile(directMs, 50);
    console.log(`live forwarder, ${REQUESTS} sequential POSTs on loopback (keep-alive):`);
    console.log(
      `  straight to the app:       median ${ms(percentile(directMs, 50))}, p95 ${ms(percentile(directMs, 95))}`,
    );
    console.log(
      `  through /__sandbox/forward: median ${ms(percentile(forwardMs, 50))}, p95 ${ms(percentile(forwardMs, 95))}`,
    );
    console.log(
      `  added by the forwarder:    median ${ms(addedMedian)}, p95 ${ms(percentile(forwardMs, 95) - percentile(directMs, 95))} (goal ≤ ${GOAL_ADDED_MEDIAN_MS} ms median: ${addedMedian <= GOAL_ADDED_MEDIAN_MS ? 'met' : 'NOT met'})`,
    );

    for (const [label, send] of [
      ['through the forwarder', forwarded],
      ['straight to the app (reference)', direct],
    ] as const) {
      let issued = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENT_CLIENTS }, async () => {
          while (issued < THROUGHPUT_REQUESTS) {
            issued += 1;
            await send();
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      console.log(
        `  ${CONCURRENT_CLIENTS} concurrent clients, ${THROUGHPUT_REQUESTS} requests ${label}: ${Math.round(THROUGHPUT_REQUESTS / seconds)} requests/s`,
      );
    }
  } finally {
    agent.destroy();
    app.child.disconnect();
    sandbox.child.disconnect();
  }
}

const role = process.argv[2];
if (role === '--app' || role === '--sandbox') await runChild(role.slice(2) as Role);
else await main();
