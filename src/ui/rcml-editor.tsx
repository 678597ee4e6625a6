/**
 * The RCML editor: CodeMirror 6 with XML highlighting, completion of RCML verbs and attributes, the
 * parser's diagnostics inline (underline and gutter), and the running verb highlighted during a call.
 * Loaded after the first paint (it is the largest part of the page).
 */
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import {
  lintGutter,
  lintKeymap,
  setDiagnostics,
  type Diagnostic as EditorDiagnostic,
} from '@codemirror/lint';
import { Annotation, Compartment, EditorState, StateEffect, StateField, type Text } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../rcml/types.ts';
import { RCML_ELEMENTS } from './rcml-schema.ts';

export interface RcmlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Diagnostics of `diagnosedText`; shown only while the editor holds exactly that text. */
  diagnostics: Diagnostic[];
  diagnosedText: string;
  /** The line on which the running verb starts, or null. */
  runningLine: number | null;
  /** Read-only (during a call): the text can be read, selected and copied, not changed. */
  readOnly?: boolean;
}

const highlightStyle = HighlightStyle.define([
  { tag: tags.tagName, color: 'var(--syntax-tag)' },
  { tag: tags.attributeName, color: 'var(--syntax-attribute)' },
  { tag: tags.attributeValue, color: 'var(--syntax-value)' },
  { tag: tags.comment, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.angleBracket, tags.definitionOperator], color: 'var(--muted)' },
  { tag: tags.processingInstruction, color: 'var(--muted)' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--code-bg)', color: 'var(--text)', fontSize: '13px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
  '.cm-scroller': {
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
    lineHeight: '1.5',
  },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--code-bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection)',
  },
  '.cm-running-verb': { backgroundColor: 'var(--running)', boxShadow: 'inset 3px 0 0 var(--ok)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'var(--on-accent)',
  },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '0.75em' },
});

const setRunning = StateEffect.define<number | null>();
/** Marks a change made from outside (an example, a link, Format): not an edit of the user's, not echoed back. */
const fromOutside = Annotation.define<boolean>();
const readOnlyCompartment = new Compartment();

function readOnlyExtensions(readOnly: boolean) {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ 'aria-readonly': String(readOnly) }),
  ];
}

/** The line of the running verb, decorated. */
const runningField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setRunning)) {
        next =
          effect.value === null
            ? Decoration.none
            : Decoration.set([Decoration.line({ class: 'cm-running-verb' }).range(effect.value)]);
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const TOKEN_AT = /^(?:<\/?[\w:.-]+|[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*')|[\w:.-]+)/;

function offsetOf(doc: Text, line: number, column: number): number {
  const target = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(target.from + Math.max(0, column - 1), target.to);
}

/** An editor diagnostic covering the element or attribute that a parser diagnostic points at. */
function toEditorDiagnostic(doc: Text, d: Diagnostic): EditorDiagnostic {
  const from = offsetOf(doc, d.line, d.column);
  const rest = doc.sliceString(from, Math.min(doc.length, from + 400));
  const token = TOKEN_AT.exec(rest)?.[0].length ?? 0;
  const to = Math.min(doc.length, from + Math.max(1, token));
  return {
    from,
    to: Math.max(from, to),
    severity: d.severity,
    message: `[${d.code}] ${d.message}`,
    source: 'RCML',
  };
}

export default function RcmlEditor({
  value,
  onChange,
  diagnostics,
  diagnosedText,
  runningLine,
  readOnly = false,
}: RcmlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const initialReadOnly = useRef(readOnly);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const initialValue = useRef(value);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialValue.current,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          xml({ elements: RCML_ELEMENTS }),
          syntaxHighlighting(highlightStyle),
          autocompletion({ icons: false }),
          lintGutter(),
          runningField,
          keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'RCML', spellcheck: 'false' }),
          readOnlyCompartment.of(readOnlyExtensions(initialReadOnly.current)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromOutside)))
              onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // Text set from outside (examples, format, a permalink) replaces the document.
  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({
      changes: { from: 0, to: editor.state.doc.length, insert: value },
      annotations: fromOutside.of(true),
    });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const doc = editor.state.doc;
    const current = doc.toString() === diagnosedText;
    editor.dispatch(
      setDiagnostics(editor.state, current ? diagnostics.map((d) => toEditorDiagnostic(doc, d)) : []),
    );
  }, [diagnostics, diagnosedText, value]);

  useEffect(() => {
    view.current?.dispatch({ effects: readOnlyCompartment.reconfigure(readOnlyExtensions(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (runningLine === null) {
      editor.dispatch({ effects: setRunning.of(null) });
      return;
    }
    const at = editor.state.doc.line(Math.min(Math.max(1, runningLine), editor.state.doc.lines)).from;
    editor.dispatch({ effects: [setRunning.of(at), EditorView.scrollIntoView(at, { y: 'nearest' })] });
  }, [runningLine]);

  return <div ref={host} className={`rcml-editor${readOnly ? ' rcml-editor-readonly' : ''}`} />;
}
