import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import {
  MAX_RULE_DELAY_MS,
  MAX_RULE_FILE_BYTES,
  MAX_TRANSCRIPT_CHARS,
  isValidContentType,
  nextRuleId,
  readRulesFile,
  rulesFileText,
  ruleWarnings,
  type MockRule,
  type RuleMatch,
  type RuleMethod,
} from '../engine/mock-rules.ts';
import { errorMessage } from '../rcml/error-message.ts';
import { parseRcml } from '../rcml/parse.ts';
import type { ProfileName } from '../rcml/types.ts';
import { DiagnosticsList } from './diagnostics-list.tsx';
import { downloadBytes } from '../browser/download.ts';

const MATCHES: RuleMatch[] = ['exact', 'prefix', 'glob'];
const METHODS: RuleMethod[] = ['ANY', 'GET', 'POST'];

function isXml(contentType: string): boolean {
  return /xml/i.test(contentType);
}

function BodyDiagnostics({ rule, profile, label }: { rule: MockRule; profile: ProfileName; label: string }) {
  const diagnostics = useMemo(
    () => (!rule.audio && isXml(rule.contentType) ? parseRcml(rule.body, { profile }).diagnostics : []),
    [rule.body, rule.contentType, rule.audio, profile],
  );
  if (diagnostics.length === 0) return null;
  return <DiagnosticsList diagnostics={diagnostics} label={`Diagnostics of ${label}`} />;
}

/**
 * A field whose value is checked when it is committed (blur or Enter), not at each keystroke: typing 500
 * shows 5, 50, 500. An invalid value is said, and the last valid one kept.
 */
function CommittedField({
  label,
  value,
  check,
  onCommit,
  type = 'text',
  inputMode,
}: {
  label: string;
  value: string;
  /** The value to commit, or a message saying what is wrong. */
  check: (text: string) => { ok: true; value: string } | { ok: false; message: string };
  onCommit: (value: string) => void;
  type?: 'text' | 'number';
  inputMode?: 'numeric';
}) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const commit = () => {
    if (text === null) return;
    const result = check(text);
    if (result.ok) {
      setProblem(null);
      setText(null);
      if (result.value !== value) onCommit(result.value);
    } else {
      setProblem(result.message);
    }
  };
  return (
    <label>
      {label}
      <input
        type={type}
        inputMode={inputMode}
        value={text ?? value}
        aria-invalid={problem !== null}
        aria-describedby={problem ? id : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(null);
            setProblem(null);
          }
        }}
      />
      {problem && (
        <small id={id} className="error" role="alert">
          {problem}
        </small>
      )}
    </label>
  );
}

const wholeNumber = (min: number, max: number, what: string) => (text: string) => {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max
    ? { ok: true as const, value: String(value) }
    : { ok: false as const, message: `${what} must be a whole number from ${min} to ${max}.` };
};

const contentTypeCheck = (text: string) =>
  isValidContentType(text)
    ? { ok: true as const, value: text.trim() }
    : { ok: false as const, message: 'A content type is type/subtype (e.g. text/xml), in plain ASCII.' };

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type AnswerKind = 'text' | 'tone' | 'file';

interface RuleEditorProps {
  rules: MockRule[];
  onChange: (rules: MockRule[]) => void;
  profile: ProfileName;
  /** During a call the rules are read-only (the call uses them as they were when it started). */
  locked?: boolean;
}

/** The mock server's rules, in the order they are tried: the first that matches a request answers it. */
export function RuleEditor({ rules, onChange, profile, locked = false }: RuleEditorProps) {
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [imported, setImported] = useState<{ problem: string | null; warnings: string[] } | null>(null);
  const exportRules = () =>
    downloadBytes(new TextEncoder().encode(rulesFileText(rules)), 'rules.json', 'application/json');
  const importRules = (file: File) => {
    void file.text().then(
      (text) => {
        try {
          const { rules: read, warnings } = readRulesFile(text, file.name);
          onChange(read);
          setImported({ problem: null, warnings });
        } catch (error) {
          setImported({ problem: `Nothing imported: ${(error as Error).message}`, warnings: [] });
        }
      },
      (error: unknown) =>
        setImported({
          problem: `Nothing imported: ${file.name} could not be read (${errorMessage(error)})`,
          warnings: [],
        }),
    );
  };
  const update = (index: number, patch: Partial<MockRule>) =>
    onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + by, 0, rule);
    onChange(next);
  };
  const add = () => {
    const rule: MockRule = {
      id: nextRuleId(rules),
      name: '',
      pattern: '/next',
      match: 'exact',
      method: 'ANY',
      status: 200,
      contentType: 'text/xml',
      body: '<Response>\n  <Say>You pressed {{Digits}}.</Say>\n  <Hangup/>\n</Response>',
      delayMs: 0,
    };
    // New rules go before a catch-all at the end (which would otherwise answer first), else at the end.
    const last = rules.at(-1);
    const beforeCatchAll =
      last !== undefined && last.pattern.trim() === '*' ? rules.length - 1 : rules.length;
    onChange([...rules.slice(0, beforeCatchAll), rule, ...rules.slice(beforeCatchAll)]);
  };
  const setAnswer = (index: number, rule: MockRule, kind: AnswerKind) => {
    if (kind === 'text') {
      const { audio: _audio, ...rest } = rule;
      onChange(rules.map((r, i) => (i === index ? { ...rest, contentType: 'text/xml' } : r)));
    } else if (kind === 'tone') {
      update(index, { audio: { kind: 'tone', frequencyHz: 440, seconds: 1 }, contentType: 'audio/wav' });
    }
  };

  return (
    <section aria-label="Mock rules" className={`rule-editor${locked ? ' locked' : ''}`}>
      <p className="hint">
        Requests of the call (other than the document and the recordings) are answered by the first rule that
        matches, from the top. Bodies may echo request parameters: <code>{'{{Digits}}'}</code>,{' '}
        <code>{'{{RecordingUrl}}'}</code>. With no matching rule, the answer is 404. Play URLs are answered by
        audio rules (a tone or a file).
      </p>
      <div className="rule-file-actions">
        <button type="button" className="small" onClick={exportRules}>
          Export rules
        </button>
        <label className="small-file">
          Import rules
          <input
            type="file"
            accept=".json,application/json"
            disabled={locked}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) importRules(file);
            }}
          />
        </label>
        <span className="hint">rules.json, as rcml-sandbox simulate --rules reads it</span>
      </div>
      {imported?.problem && (
        <p className="error" role="alert">
          {imported.problem}
        </p>
      )}
      {imported && imported.warnings.length > 0 && (
        <ul className="rule-warnings" aria-label="Import warnings">
          {imported.warnings.map((warning) => (
            <li key={warning} className="diagnostic diagnostic-warning">
              {warning}
            </li>
          ))}
        </ul>
      )}
      {rules.length === 0 && <p className="empty">No rules: every request of the call gets 404.</p>}
      <div className="rule-list">
        {rules.map((rule, index) => {
          const label = rule.name.trim() !== '' ? `“${rule.name.trim()}”` : `rule ${index + 1}`;
          const warnings = ruleWarnings(rule);
          const answer: AnswerKind = rule.audio ? (rule.audio.kind === 'tone' ? 'tone' : 'file') : 'text';
          return (
            <fieldset key={rule.id} className="rule" aria-label={`Rule ${index + 1}`} disabled={locked}>
              <legend>
                Rule {index + 1}
                {rule.name.trim() !== '' && <>: {rule.name}</>}
              </legend>
              <div className="rule-grid">
                <label className="rule-name">
                  Name
                  <input
                    value={rule.name}
                    placeholder="(optional) shown in the inspector"
                    onChange={(e) => update(index, { name: e.target.value.slice(0, 100) })}
                  />
                </label>
                <label className="rule-pattern">
                  URL pattern
                  <input
                    value={rule.pattern}
                    spellCheck={false}
                    onChange={(e) => update(index, { pattern: e.target.value })}
                  />
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
                <CommittedField
                  label="Status"
                  type="number"
                  inputMode="numeric"
                  value={String(rule.status)}
                  check={wholeNumber(100, 599, 'Status')}
                  onCommit={(value) => update(index, { status: Number(value) })}
                />
                <CommittedField
                  label="Delay (ms)"
                  type="number"
                  inputMode="numeric"
                  value={String(rule.delayMs)}
                  check={wholeNumber(0, MAX_RULE_DELAY_MS, 'The delay')}
                  onCommit={(value) => update(index, { delayMs: Number(value) })}
                />
                <CommittedField
                  label="Content type"
                  value={rule.contentType}
                  check={contentTypeCheck}
                  onCommit={(value) => update(index, { contentType: value })}
                />
                <label>
                  Answer with
                  <select
                    value={answer}
                    onChange={(e) => {
                      setFileProblem(null);
                      setAnswer(index, rule, e.target.value as AnswerKind);
                    }}
                  >
                    <option value="text">Text body</option>
                    <option value="tone">A tone (audio)</option>
                    <option value="file" disabled={answer !== 'file'}>
                      An audio file
                    </option>
                  </select>
                </label>
              </div>
              {rule.audio?.kind === 'tone' ? (
                <div className="rule-grid">
                  <CommittedField
                    label="Tone (Hz)"
                    type="number"
                    value={String(rule.audio.frequencyHz)}
                    check={wholeNumber(20, 3900, 'The frequency')}
                    onCommit={(value) =>
                      rule.audio?.kind === 'tone' &&
                      update(index, { audio: { ...rule.audio, frequencyHz: Number(value) } })
                    }
                  />
                  <CommittedField
                    label="Length (s)"
                    type="number"
                    value={String(rule.audio.seconds)}
                    check={wholeNumber(1, 60, 'The length')}
                    onCommit={(value) =>
                      rule.audio?.kind === 'tone' &&
                      update(index, { audio: { ...rule.audio, seconds: Number(value) } })
                    }
                  />
                </div>
              ) : rule.audio?.kind === 'file' ? (
                <p className="hint">Answers with the audio file {rule.audio.fileName}.</p>
              ) : (
                <label className="rule-body">
                  Body
                  <textarea
                    spellCheck={false}
                    value={rule.body}
                    rows={Math.min(12, rule.body.split('\n').length + 1)}
                    onChange={(e) => update(index, { body: e.target.value })}
                  />
                </label>
              )}
              {(profile === 'twilio' || rule.transcript !== undefined) && (
                <label className="rule-body">
                  Transcript
                  <input
                    value={rule.transcript ?? ''}
                    placeholder="twilio: the text of a recording whose transcribeCallback this rule answers"
                    onChange={(e) => {
                      const text = e.target.value.slice(0, MAX_TRANSCRIPT_CHARS);
                      if (text !== '') update(index, { transcript: text });
                      else {
                        const { transcript: _transcript, ...rest } = rule;
                        onChange(rules.map((r, i) => (i === index ? rest : r)));
                      }
                    }}
                  />
                </label>
              )}
              <label className="rule-file">
                Audio file for this rule
                <input
                  type="file"
                  accept="audio/*,.wav"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    if (file.size > MAX_RULE_FILE_BYTES) {
                      setFileProblem(`${file.name} is larger than ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB.`);
                      return;
                    }
                    setFileProblem(null);
                    void file.arrayBuffer().then((bytes) =>
                      update(index, {
                        audio: {
                          kind: 'file',
                          fileName: file.name,
                          dataBase64: base64(new Uint8Array(bytes)),
                        },
                        contentType: file.type && isValidContentType(file.type) ? file.type : 'audio/wav',
                      }),
                    );
                  }}
                />
              </label>
              {fileProblem && <p className="error">{fileProblem}</p>}
              {warnings.length > 0 && (
                <ul className="rule-warnings" aria-label={`Warnings of ${label}`}>
                  {warnings.map((warning) => (
                    <li key={warning} className="diagnostic diagnostic-warning">
                      {warning}
                    </li>
                  ))}
                </ul>
              )}
              <BodyDiagnostics rule={rule} profile={profile} label={label} />
              <div className="rule-actions">
                <button
                  type="button"
                  className="small"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
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
          );
        })}
      </div>
      <button type="button" onClick={add} disabled={locked}>
        Add rule
      </button>
    </section>
  );
}
