import { normalizeRules } from '../engine/mock-rules.ts';
import type { SimulatedRequest, SimulatedResponse } from '../engine/simulate.ts';
import { rulesResponder } from './cli-respond.ts';

/**
 * A simulateCall `respond` that answers as the sandbox's mock server does, from rules in the app's format
 * (the Mock responses tab, a permalink's rules, `rcml-sandbox simulate --rules`): the first rule that
 * matches, its `{{Name}}` filled in; 404 when none matches.
 */
export function respondWithRules(rules: unknown): (request: SimulatedRequest) => SimulatedResponse {
  const responder = rulesResponder(normalizeRules(rules), { timeoutMs: 15_000 });
  return (request) => responder.respond(request);
}
