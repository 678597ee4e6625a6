/// <reference types="node" />
// The mock server of `rcml-sandbox simulate --rules`: the app's rules, answered as its mock server answers
// them in the browser (the first matching rule, its body's {{Name}} filled in, 404 when none matches),
// with every answer kept for the timeline.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CATCH_ALL_RULE,
  findRule,
  readRulesFile,
  ruleLabel,
  renderTemplate,
  type MockRule,
} from '../engine/mock-rules.ts';
import { ruleAudioBytes } from '../engine/rule-audio.ts';
import type { SimulatedRequest, SimulatedResponse } from '../engine/simulate.ts';
import { InputError } from './cli-args.ts';

/** What one request of the call was answered with (or why it was not). */
export type Answer =
  | {
      kind: 'response';
      status: number;
      contentType: string;
      body: string;
      /** The rule that answered, as the inspector names it; null for a 404. */
      rule: string | null;
    }
  | { kind: 'error'; message: string };

export interface AnsweredRequest {
  method: string;
  url: string;
  params: Record<string, string>;
  answer: Answer;
}

export interface RulesResponder {
  respond(request: SimulatedRequest): SimulatedResponse;
  /** Every request `respond` was asked, in order (the document's requests are answered by the engine). */
  readonly answered: AnsweredRequest[];
}

export interface ResponderOptions {
  /** The platform's HTTP timeout: a rule that waits at least this long is a request that times out. */
  timeoutMs: number;
  /** The bytes of a sample an audio rule names (`{ kind: 'sample', name }`), or null when there is none. */
  readSample?: (name: string) => Uint8Array | null;
}

/**
 * Answers the call's requests from `rules` as the browser's mock server does. A rule's delay takes no
 * time on the call clock (requests are answered at once in a simulated call), but a delay of the HTTP
 * timeout or more is what it would be on the platform: no response, an 11200. An audio rule answers with
 * a description of its bytes, `(audio/wav, 16,044 bytes)`, as the inspector shows a binary body.
 */
export function rulesResponder(rules: readonly MockRule[], options: ResponderOptions): RulesResponder {
  const answered: AnsweredRequest[] = [];
  const readSample = options.readSample ?? readPackagedSample;
  const respond = (request: SimulatedRequest): SimulatedResponse => {
    const entry: AnsweredRequest = {
      method: request.method,
      url: request.url,
      params: { ...request.params },
      answer: { kind: 'error', message: '' },
    };
    answered.push(entry);
    try {
      const response = answer(request);
      entry.answer = {
        kind: 'response',
        status: response.status ?? 200,
        contentType: response.contentType ?? 'text/xml',
        body: response.body,
        rule: response.rule,
      };
      return response;
    } catch (error) {
      entry.answer = { kind: 'error', message: (error as Error).message };
      throw error;
    }
  };
  const answer = (request: SimulatedRequest): SimulatedResponse & { rule: string | null } => {
    const rule = findRule(rules, request.method, new URL(request.url));
    if (!rule) return { status: 404, contentType: 'text/plain', body: 'Not Found', rule: null };
    const label = ruleLabel(rule, rules);
    if (rule.delayMs >= options.timeoutMs) {
      throw new Error(
        `no response within ${options.timeoutMs / 1000} s (the mock rule ${label} waits ${rule.delayMs} ms)`,
      );
    }
    if (rule.audio) {
      const bytes =
        ruleAudioBytes(rule.audio) ?? (rule.audio.kind === 'sample' ? readSample(rule.audio.name) : null);
      if (!bytes) {
        throw new Error(
          `the mock rule ${label} could not answer: the sample ${rule.audio.kind === 'sample' ? rule.audio.name : ''} is not available outside the app`,
        );
      }
      return {
        status: rule.status,
        contentType: rule.contentType,
        body: `(${rule.contentType}, ${bytes.byteLength.toLocaleString('en-US')} bytes)`,
        rule: label,
      };
    }
    return {
      status: rule.status,
      contentType: rule.contentType,
      body: renderTemplate(rule.body, request.params),
      rule: label,
    };
  };
  return { respond, answered };
}

/** The app's samples, where a package or a checkout has them (`public/samples/`, `dist/samples/`). */
function readPackagedSample(name: string): Uint8Array | null {
  if (!/^[a-z0-9-]+\.wav$/.test(name)) return null;
  for (const dir of ['../../public/samples/', '../../dist/samples/']) {
    const path = fileURLToPath(new URL(dir + name, import.meta.url));
    if (existsSync(path)) return readFileSync(path);
  }
  return null;
}

export interface LoadedRules {
  rules: MockRule[];
  /** One sentence each, naming the rule: entries that are not rules, and ruleWarnings. */
  warnings: string[];
}

/** The app's default rules when `--rules` is not given: the catch-all. */
export const DEFAULT_RULES: readonly MockRule[] = [CATCH_ALL_RULE];

/**
 * Rules from a rules.json's text (readRulesFile, as the app's Import rules reads it). Throws an
 * InputError naming `file` when the text is not JSON or holds no list of rules.
 */
export function loadRules(text: string, file: string): LoadedRules {
  try {
    return readRulesFile(text, file);
  } catch (error) {
    throw new InputError((error as Error).message, { cause: error });
  }
}
