/** A tiny external store (for React's useSyncExternalStore): subscribe, getSnapshot, set, update. */
export class Store<T> {
  private listeners = new Set<() => void>();

  constructor(private value: T) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): T => this.value;

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) listener();
  }

  update(change: (value: T) => T): void {
    this.set(change(this.value));
  }

  /** Drops every listener (the owner is going away). */
  close(): void {
    this.listeners.clear();
  }
}
