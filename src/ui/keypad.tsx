const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const LETTERS: Record<string, string> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
};

export function isKeypadKey(key: string): boolean {
  return (KEYS as readonly string[]).includes(key);
}

/** The 12 DTMF keys; `pressed` lights the key last pressed (by mouse or keyboard). */
export function Keypad({ onKey, pressed }: { onKey: (key: string) => void; pressed: string | null }) {
  return (
    <div role="group" aria-label="Keypad" className="keypad">
      {KEYS.map((key) => (
        <button
          key={key}
          type="button"
          aria-label={key}
          className={`keypad-key${pressed === key ? ' keypad-key-pressed' : ''}`}
          onClick={() => onKey(key)}
        >
          <span className="keypad-digit" aria-hidden="true">
            {key}
          </span>
          <span className="keypad-letters" aria-hidden="true">
            {LETTERS[key] ?? '\u00a0'}
          </span>
        </button>
      ))}
    </div>
  );
}
