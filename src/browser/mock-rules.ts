/** The mock server's rules: which request each one answers, and what with. No browser APIs here. */

export type RuleMatch = 'exact' | 'prefix' | 'glob';
export type RuleMethod = 'ANY' | 'GET' | 'POST';

export interface MockRule {
  id: string;
  /** A full URL, or a path (matched against the request's path and query on any origin). */
  pattern: string;
  match: RuleMatch;
  method: RuleMethod;
  status: number;
  contentType: string;
  body: string;
  delayMs: number;
}

export const CATCH_ALL_RULE: MockRule = {
  id: 'catch-all',
  pattern: '*',
  match: 'glob',
  method: 'ANY',
  status: 200,
  contentType: 'text/xml',
  body: '<Response><Hangup/></Response>',
  delayMs: 0,
};

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function subject(pattern: string, url: URL): string {
  // A pattern that names an origin is compared with the whole URL; otherwise with the path and query.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(pattern) ? url.href : url.pathname + url.search;
}

export function ruleMatches(rule: MockRule, method: string, url: URL): boolean {
  if (rule.method !== 'ANY' && rule.method !== method.toUpperCase()) return false;
  const pattern = rule.pattern.trim();
  const text = subject(pattern, url);
  const withoutQuery = text.replace(/\?.*$/, '');
  switch (rule.match) {
    case 'exact':
      return text === pattern || withoutQuery === pattern;
    case 'prefix':
      return text.startsWith(pattern);
    case 'glob':
      return globToRegExp(pattern).test(text) || globToRegExp(pattern).test(withoutQuery);
  }
}

/** The first rule, in list order, that answers the request; null means 404. */
export function findRule(rules: readonly MockRule[], method: string, url: URL): MockRule | null {
  return rules.find((rule) => ruleMatches(rule, method, url)) ?? null;
}

/**
 * Fills `{{Name}}` in a rule's body with the request's parameter of that name (query or form), escaped
 * for XML; unknown names become empty. `{{{Name}}}` is not special: write the braces you need around it.
 */
export function renderTemplate(body: string, params: Record<string, string>): string {
  return body.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) =>
    escapeXml(params[name] ?? ''),
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
