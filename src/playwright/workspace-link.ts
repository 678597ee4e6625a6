/**
 * The workspace a test opens, as the app's permalink: `#w=` and lz-string of `{ rcml, rules, settings }`
 * (src/browser/permalink.ts reads it back, every field checked). Rules are written the short way users
 * write them (`{ url, body }`) and filled in here with the mock server's defaults.
 */
import { CATCH_ALL_RULE, type MockRule, type RuleMatch, type RuleMethod } from '../engine/mock-rules.ts';
import type { ProfileName } from '../rcml/types.ts';
import { compressToEncodedURIComponent } from './lz-string.ts';

/** One mock response, as a test writes it: only `url` is needed. */
export interface SandboxRule {
  /** A path (`/handle-recording`, matched on any origin) or a full URL; `*` stands for any run of characters. */
  url: string;
  /** The response body (RCML for the call's requests); default empty. `{{Digits}}` and the other parameters are filled in. */
  body?: string;
  /** Default 200. */
  status?: number;
  /** Default `text/xml`. */
  contentType?: string;
  /** Default `ANY`. */
  method?: RuleMethod;
  /** Default `exact` (the path, with or without its query), or `glob` when `url` holds a `*`. */
  match?: RuleMatch;
  /** How long the mock server waits before it answers; default 0. */
  delayMs?: number;
  /** How the inspector names the rule. */
  name?: string;
}

/** The call settings a test may set (the app's defaults for the rest). */
export interface SandboxSettings {
  /** Default `https://app.example.com/voice.xml`. */
  documentUrl?: string;
  /** The dialect: `restcomm` (default), `restcomm-connect` or `twilio`. */
  profile?: ProfileName;
  from?: string;
  to?: string;
  callerName?: string;
  /** Origins whose requests go to your own server instead of the mock rules (needs the sandbox's server). */
  liveOrigins?: string[];
  /** twilio: the Auth Token that signs each request (X-Twilio-Signature). */
  authToken?: string;
  /** How long a request may take before it fails (11200); default 15. */
  httpTimeoutSeconds?: number;
  /** The network between caller and platform. */
  network?: {
    codec?: 'direct' | 'pcmu' | 'pcma' | 'opus';
    lossPercent?: number;
    jitterMs?: number;
    seed?: number;
  };
  /** Processing of the microphone (used when no caller file is given). */
  microphone?: { echoCancellation?: boolean; noiseSuppression?: boolean; autoGainControl?: boolean };
}

export interface SandboxWorkspace {
  /** The document the call's document URL serves. */
  rcml: string;
  rules?: SandboxRule[];
  settings?: SandboxSettings;
}

function checkRule(rule: SandboxRule, index: number): void {
  if (typeof rule !== 'object' || rule === null) {
    throw new TypeError(
      `rules[${index}] is not a rule: write { url: '/handle-recording', body: '<Response>…</Response>' }`,
    );
  }
  if (typeof rule.url !== 'string' || rule.url.trim() === '') {
    throw new TypeError(
      `rules[${index}] has no url: every rule needs the URL (or path) it answers, such as '/handle-recording'`,
    );
  }
}

/** The rules as the app keeps them: each filled in, and the catch-all last unless a rule already answers `*`. */
export function toMockRules(rules: readonly SandboxRule[] = []): MockRule[] {
  const mocks = rules.map((rule, index): MockRule => {
    checkRule(rule, index);
    return {
      id: `rule-${index + 1}`,
      name: rule.name ?? '',
      pattern: rule.url,
      match: rule.match ?? (rule.url.includes('*') ? 'glob' : 'exact'),
      method: rule.method ?? 'ANY',
      status: rule.status ?? 200,
      contentType: rule.contentType ?? 'text/xml',
      body: rule.body ?? '',
      delayMs: rule.delayMs ?? 0,
    };
  });
  const hasCatchAll = mocks.some((rule) => rule.pattern.trim() === '*');
  return hasCatchAll ? mocks : [...mocks, CATCH_ALL_RULE];
}

/** The `#w=…` hash that opens `workspace` in the app. */
export function workspaceHash(workspace: SandboxWorkspace): string {
  const shared = {
    rcml: workspace.rcml,
    rules: toMockRules(workspace.rules),
    settings: workspace.settings ?? {},
  };
  return `#w=${compressToEncodedURIComponent(JSON.stringify(shared))}`;
}
