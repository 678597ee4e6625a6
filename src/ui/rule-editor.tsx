import { useMemo } from 'react';
import type { MockRule, RuleMatch, RuleMethod } from '../browser/mock-rules.ts';
import { parseRcml } from '../rcml/parse.ts';
import type { ProfileName } from '../rcml/types.ts';
import { DiagnosticsList } from './diagnostics-list.tsx';

const MATCHES: RuleMatch[] = ['exact', 'prefix', 'glob'];
const METHODS: RuleMethod[] = ['ANY', 'GET', 'POST'];

function isXml(contentType: string): boolean {
  return /xml/i.test(contentType);
}

function nextRuleId(rules: MockRule[]): string {
  const taken = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

function BodyDiagnostics({ rule, profile }: { rule: MockRule; profile: ProfileName }) {
  const diagnostics = useMemo(
    () => (isXml(rule.contentType) ? parseRcml(rule.body, { profile }).diagnostics : []),
    [rule.body, rule.contentType, profile],
  );
  if (diagnostics.length === 0) return null;
  return <DiagnosticsList diagnostics={diagnostics} label={`Diagnostics of ${rule.id}`} />;
}

interface RuleEditorProps {
  rules: MockRule[];
  onChange: (rules: MockRule[]) => void;
  profile: ProfileName;
}

/** The mock server's rules, in the order they are tried: the first that matches a request answers it. */
export function RuleEditor({ rules, onChange, profile }: RuleEditorProps) {
  const update = (index: number, patch: Partial<MockRule>) =>
    onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + by, 0, rule);
    onChange(next);
  };
  const add = () =>
    onChange([
      {
        id: nextRuleId(rules),
        pattern: '/next',
        match: 'exact',
        method: 'ANY',
        status: 200,
        contentType: 'text/xml',
        body: '<Response>\n  <Say>You pressed {{Digits}}.</Say>\n  <Hangup/>\n</Response>',
        delayMs: 0,
      },
      ...rules,
    ]);

  return (
    <section aria-label="Mock rules" className="rule-editor">
      <p className="hint">
        Requests of the call (other than the document and the recordings) are answered by the first rule that
        matches. Bodies may echo request parameters: <code>{'{{Digits}}'}</code>,{' '}
        <code>{'{{RecordingUrl}}'}</code>. With no matching rule, the answer is 404.
      </p>
      <button type="button" onClick={add}>
        Add rule
      </button>
      {rules.length === 0 && <p className="empty">No rules: every request of the call gets 404.</p>}
      {rules.map((rule, index) => (
        <fieldset key={rule.id} className="rule" aria-label={`Rule ${index + 1}`}>
          <legend>
            Rule {index + 1} <span className="rule-id">({rule.id})</span>
          </legend>
          <div className="rule-grid">
            <label>
              URL pattern
              <input value={rule.pattern} onChange={(e) => update(index, { pattern: e.target.value })} />
            </label>
            <label>
              Match
              <select
                value={rule.match}
                onChange={(e) => update(index, { match: e.target.value as RuleMatch })}
              >
                {MATCHES.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
            <label>
              Method
              <select
                value={rule.method}
                onChange={(e) => update(index, { method: e.target.value as RuleMethod })}
              >
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
            <label>
              Status
              <input
                type="number"
                min={100}
                max={599}
                value={rule.status}
                onChange={(e) =>
                  update(index, { status: Math.min(599, Math.max(100, Number(e.target.value) || 200)) })
                }
              />
            </label>
            <label>
              Content type
              <input
                value={rule.contentType}
                onChange={(e) => update(index, { contentType: e.target.value })}
              />
            </label>
            <label>
              Delay (ms)
              <input
                type="number"
                min={0}
                max={60000}
                value={rule.delayMs}
                onChange={(e) =>
                  update(index, { delayMs: Math.min(60000, Math.max(0, Number(e.target.value) || 0)) })
                }
              />
            </label>
          </div>
          <label className="rule-body">
            Body
            <textarea
              spellCheck={false}
              value={rule.body}
              rows={Math.min(12, rule.body.split('\n').length + 1)}
              onChange={(e) => update(index, { body: e.target.value })}
            />
          </label>
          <BodyDiagnostics rule={rule} profile={profile} />
          <div className="rule-actions">
            <button type="button" className="small" disabled={index === 0} onClick={() => move(index, -1)}>
              Move up
            </button>
            <button
              type="button"
              className="small"
              disabled={index === rules.length - 1}
              onClick={() => move(index, 1)}
            >
              Move down
            </button>
            <button
              type="button"
              className="small danger"
              onClick={() => onChange(rules.filter((_, i) => i !== index))}
            >
              Delete
            </button>
          </div>
        </fieldset>
      ))}
    </section>
  );
}
