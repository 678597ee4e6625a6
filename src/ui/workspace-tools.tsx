import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { copyText } from '../browser/clipboard.ts';
import { permalinkFor, type Workspace } from '../browser/permalink.ts';
import { EXAMPLES, type Example } from '../engine/examples.ts';

/** A button that opens a panel below it; Escape closes the panel and returns focus to the button. */
function useDisclosure() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  /** Props for the element around the button and the panel: Escape closes, and so does leaving it. */
  const wrapper = {
    className: 'tool',
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Escape' && open) {
        event.stopPropagation();
        close();
      }
    },
    onBlur: (event: FocusEvent) => {
      const next = event.relatedTarget;
      if (!(next instanceof Node) || !event.currentTarget.contains(next)) setOpen(false);
    },
  };
  /** Props for the button that opens and closes the panel. */
  const toggle = { ref: button, type: 'button', 'aria-expanded': open, 'aria-controls': panelId } as const;
  return { open, setOpen, toggle, panelId, close, wrapper };
}

export function ExamplesMenu({
  onLoad,
  disabled,
}: {
  onLoad: (example: Example) => void;
  disabled: boolean;
}) {
  const { open, setOpen, toggle, panelId, close, wrapper } = useDisclosure();
  return (
    <div {...wrapper}>
      <button {...toggle} onClick={() => setOpen(!open)} disabled={disabled}>
        Examples
      </button>
      {open && (
        <div id={panelId} tabIndex={-1} className="tool-panel examples" role="region" aria-label="Examples">
          <p className="hint">
            Loads a document and the mock rules that answer it (your current ones are replaced).
          </p>
          <ul>
            {EXAMPLES.map((example) => (
              <li key={example.id}>
                <button
                  type="button"
                  className="example"
                  onClick={() => {
                    onLoad(example);
                    close();
                  }}
                >
                  <strong>{example.title}</strong>
                  <span>{example.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function ShareLink({ workspace }: { workspace: Workspace }) {
  const { open, setOpen, toggle, panelId, close, wrapper } = useDisclosure();
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState<boolean | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) field.current?.select();
  }, [open, link]);
  const share = async () => {
    const url = permalinkFor(workspace, window.location.href);
    setLink(url);
    setOpen(true);
    setCopied(await copyText(url));
  };
  return (
    <div {...wrapper}>
      <button {...toggle} onClick={() => void share()}>
        Copy link
      </button>
      {open && (
        <div id={panelId} tabIndex={-1} className="tool-panel share" role="region" aria-label="Share">
          <label>
            <span>Permalink</span>
            <input
              ref={field}
              readOnly
              value={link}
              aria-label="Permalink"
              onFocus={(e) => e.target.select()}
            />
          </label>
          <p className="hint" aria-live="polite">
            {copied === null
              ? ''
              : copied
                ? 'Copied: the link carries the document, the mock rules and the settings.'
                : 'Copy the link above (the browser did not allow copying).'}{' '}
            {link.length > 8000 && 'This link is long; some chat apps cut long links.'}
          </p>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

export function ClearControl({ onClear, disabled }: { onClear: () => void; disabled: boolean }) {
  const { open, setOpen, toggle, panelId, close, wrapper } = useDisclosure();
  return (
    <div {...wrapper}>
      <button {...toggle} onClick={() => setOpen(!open)} disabled={disabled}>
        Clear
      </button>
      {open && (
        <div id={panelId} tabIndex={-1} className="tool-panel" role="region" aria-label="Clear">
          <p>
            Forget the document, mock rules, settings and all recordings, here and in this browser's storage?
          </p>
          <div className="tool-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                onClear();
                close();
              }}
            >
              Clear everything
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
