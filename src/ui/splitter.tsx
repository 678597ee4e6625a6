import type { KeyboardEvent, PointerEvent } from 'react';

interface SplitterProps {
  label: string;
  /** The share of the row, in percent, of the pane before the splitter. */
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** The row's left edge and width in pixels, to turn pointer positions into percent. */
  measure: () => { left: number; width: number } | null;
  /** Percent of the row to the left of the pane this splitter resizes. */
  offset: number;
}

const STEP = 2;

/** A vertical separator between two panes: drag it, or focus it and use the arrow keys. */
export function Splitter({ label, value, min, max, onChange, measure, offset }: SplitterProps) {
  const clamp = (next: number) => Math.min(max, Math.max(min, next));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (moveEvent: globalThis.PointerEvent) => {
      const box = measure();
      if (!box || box.width <= 0) return;
      onChange(clamp(((moveEvent.clientX - box.left) / box.width) * 100 - offset));
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const change: Record<string, number> = { ArrowLeft: -STEP, ArrowRight: STEP, Home: -100, End: 100 };
    const by = change[event.key];
    if (by === undefined) return;
    event.preventDefault();
    onChange(clamp(value + by));
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className="splitter"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
