import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Store } from '../browser/store.ts';

/** The store's value; the component re-renders when it changes. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * One slice of a store: the component re-renders only when `select`'s result changes (by `equal`), not on
 * every change of the store (the call's view changes with every audio chunk).
 */
export function useStoreSelector<T, S>(
  store: Store<T>,
  select: (value: T) => S,
  equal: (a: S, b: S) => boolean = Object.is,
): S {
  const last = useRef<{ value: S } | null>(null);
  const getSelected = useCallback(() => {
    const next = select(store.getSnapshot());
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  }, [store, select, equal]);
  return useSyncExternalStore(store.subscribe, getSelected);
}
