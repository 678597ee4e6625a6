/// <reference types="node" />
// `rcml-sandbox serve`: the production build with the sandbox server in front (live forwarding,
// recordings), on loopback, until the process is asked to stop.
import { fileURLToPath } from 'node:url';
import { parseOrigin } from './forwarder.ts';
import { sandboxOptionsFromEnv } from './sandbox-server.ts';
import { DEFAULT_SERVE_PORT, startServe, type ServeOptions } from './serve.ts';
import {
  flag,
  listOption,
  parseCommandLine,
  parseWholeNumber,
  stringOption,
  UsageError,
  type OptionSpec,
} from './cli-args.ts';
import type { CliIo } from './cli-io.ts';
import { errorMessage } from '../rcml/error-message.ts';

export const SERVE_USAGE = `Usage: rcml-sandbox serve [options]

Serves the sandbox app (its production build) with its own server in front, on
loopback: the call's requests to live origins are forwarded to your app, and
recordings are kept for download. Runs until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port N         the port (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)
  --live ORIGIN    forward the call's requests for ORIGIN (e.g.
                   http://127.0.0.1:3000) to that server; repeat for more
  --allow-remote   let live origins be on other machines (the server itself
                   still listens on loopback only)
  --timeout-ms MS  the longest a forwarded request may take (default 15000)
  --dist DIR       the build to serve (default: this package's dist/)
  -h, --help       show this help
RCML_SANDBOX_LIVE, RCML_SANDBOX_ALLOW_REMOTE and RCML_SANDBOX_TIMEOUT_MS give
the defaults of --live, --allow-remote and --timeout-ms.

Exit status: 0 stopped by a signal; 1 the server could not start (no build,
port in use); 2 a usage error.
`;

const OPTIONS: OptionSpec = {
  port: { type: 'string' },
  live: { type: 'string', multiple: true },
  'allow-remote': { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  dist: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The package's production build: `dist/` beside `src/` (a checkout) or `lib/` (the package). */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

export async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine(args, OPTIONS);
  if (flag(line, 'help')) {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (line.positionals.length > 0) {
    throw new UsageError(`serve takes no operands, got ${line.positionals.join(' ')}`);
  }
  let fromEnv;
  try {
    fromEnv = sandboxOptionsFromEnv(io.env);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  const live = listOption(line, 'live');
  for (const value of live) {
    const origin = parseOrigin(value);
    if (origin instanceof Error) throw new UsageError(`--live: ${origin.message}`);
  }
  const port = stringOption(line, 'port');
  const timeoutMs = stringOption(line, 'timeout-ms');
  const dist = stringOption(line, 'dist');
  const options: ServeOptions = {
    distDir: dist ?? DEFAULT_DIST_DIR,
    port: port === undefined ? DEFAULT_SERVE_PORT : parseWholeNumber('--port', port, 0, 65535),
    allowRemote: flag(line, 'allow-remote') || (fromEnv.allowRemote ?? false),
  };
  const liveOrigins = live.length > 0 ? live : fromEnv.liveOrigins;
  if (liveOrigins !== undefined) options.liveOrigins = liveOrigins;
  if (timeoutMs !== undefined) options.timeoutMs = parseWholeNumber('--timeout-ms', timeoutMs, 1, 3_600_000);
  else if (fromEnv.timeoutMs !== undefined) options.timeoutMs = fromEnv.timeoutMs;

  let running;
  try {
    running = await startServe(options);
  } catch (error) {
    const message = errorMessage(error);
    const hint =
      dist === undefined && message.startsWith('no production build') ? ', or give one with --dist DIR' : '';
    io.stderr.write(`rcml-sandbox serve: ${message}${hint}\n`);
    return 1;
  }
  const stopped = io.untilStopped();
  io.stdout.write(`rcml-sandbox serving ${running.url}\n`);
  const origins = running.server.options.liveOrigins;
  io.stdout.write(
    origins.length > 0
      ? `live origins: ${origins.join(', ')}${running.server.options.allowRemote ? ' (remote allowed)' : ''}\n`
      : 'no live origins: every request is answered by the mock rules\n',
  );
  io.stdout.write('Ctrl-C stops it.\n');
  await stopped;
  await running.close();
  io.stdout.write('stopped\n');
  return 0;
}
