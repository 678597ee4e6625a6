#!/usr/bin/env node
// The `rcml-sandbox` command. In the package it runs the built JavaScript (lib/node/cli.js); in a
// checkout that has not been built it runs the TypeScript sources through tsx (a dev dependency).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const built = new URL('../lib/node/cli.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(
      'rcml-sandbox: not built (no lib/node/cli.js) and tsx is not installed: run npm install, or npm run build\n',
    );
    process.exit(2);
  }
  cli = await import(new URL('../src/node/cli.ts', import.meta.url).href);
}
process.exitCode = await cli.run(process.argv.slice(2));
