import { useEffect, useState } from 'react';
import type { parseRcml } from '../rcml/parse.ts';

type Parse = typeof parseRcml;

/** The RCML parser, loaded after the first paint; null until it is there. */
export function useParser(): Parse | null {
  const [parse, setParse] = useState<Parse | null>(null);
  useEffect(() => {
    let live = true;
    void import('../rcml/parse.ts').then((module) => {
      if (live) setParse(() => module.parseRcml);
    });
    return () => {
      live = false;
    };
  }, []);
  return parse;
}
