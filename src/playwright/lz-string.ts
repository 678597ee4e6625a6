import * as lzString from 'lz-string';

// lz-string is CommonJS with no names Node can detect: under plain Node ESM its functions arrive only as
// the namespace's `default`, while bundlers and Playwright's loader give them as named exports. Read them
// from whichever this runtime gave.
const lz: typeof lzString =
  'compressToEncodedURIComponent' in lzString ? lzString : Reflect.get(lzString, 'default');

/** lz-string's URI-safe compression, the encoding of the app's `#w=` permalinks. */
export function compressToEncodedURIComponent(text: string): string {
  return lz.compressToEncodedURIComponent(text);
}
