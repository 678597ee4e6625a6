/**
 * One owner for the resources of a call (streams, nodes, listeners, timers, sessions): each is registered
 * with the function that releases it, and `dispose` releases them all once, the last registered first.
 * Callbacks handed to the outside world are wrapped with `guard`, so that a callback arriving after the
 * call ended (an audio chunk, a late response) does nothing: no generation counters.
 */
export class Disposer {
  private releases: (() => void)[] = [];
  private done = false;

  constructor(private readonly onError: (error: unknown) => void = (error) => console.warn(error)) {}

  get disposed(): boolean {
    return this.done;
  }

  /** Registers a release; after dispose, the release runs at once. */
  add(release: () => void): void {
    if (this.done) this.run(release);
    else this.releases.push(release);
  }

  /** `callback`, made harmless once this is disposed. */
  guard<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      if (!this.done) callback(...args);
    };
  }

  dispose(): void {
    if (this.done) return;
    this.done = true;
    for (const release of this.releases.splice(0).reverse()) this.run(release);
  }

  private run(release: () => void): void {
    try {
      release();
    } catch (error) {
      this.onError(error);
    }
  }
}
