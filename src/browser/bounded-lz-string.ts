/**
 * lz-string's `decompressFromEncodedURIComponent`, with a bound on what it may produce. A permalink of
 * 82,000 characters can inflate to 600 million (each dictionary entry one character longer than the
 * last), which lz-string builds in full before returning (RangeError, or 20 s of a frozen tab): this
 * decoder stops as soon as the output passes `maxChars`, so its time and memory are bounded by the cap.
 * Written from the format lz-string documents (LZW codes of growing width, 6 bits per URI-safe character,
 * least significant bit first; code 0 = an 8-bit literal, 1 = a 16-bit literal, 2 = the end); lz-string
 * has no bounded API.
 */

const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const ALPHABET_VALUES = new Map([...URI_ALPHABET].map((c, i) => [c, i] as const));

export class DecompressedTooLarge extends Error {
  constructor(readonly maxChars: number) {
    super(`it would expand to more than ${maxChars.toLocaleString('en-US')} characters`);
    this.name = 'DecompressedTooLarge';
  }
}

/** Reads the stream as lz-string does: the next character is taken as soon as one is used up. */
class BitReader {
  private value: number;
  private position = 32;
  private index = 1;

  constructor(private readonly input: string) {
    this.value = this.valueAt(0);
  }

  /** Past the last character (lz-string answers '' for a stream that ends without its end code). */
  get exhausted(): boolean {
    return this.index > this.input.length;
  }

  read(width: number): number {
    let bits = 0;
    for (let power = 1, n = 0; n < width; n++, power *= 2) {
      if (this.value & this.position) bits += power;
      this.position >>= 1;
      if (this.position === 0) {
        this.position = 32;
        this.value = this.valueAt(this.index++);
      }
    }
    return bits;
  }

  private valueAt(index: number): number {
    return ALPHABET_VALUES.get(this.input.charAt(index)) ?? 0;
  }
}

/**
 * The text packed by lz-string's `compressToEncodedURIComponent`: null when the input is not such a
 * text (a bad code, or no input), '' for a cut stream (as lz-string answers). Throws DecompressedTooLarge when
 * the text would be longer than `maxChars`.
 */
export function decompressFromEncodedURIComponentBounded(input: string, maxChars: number): string | null {
  if (input === '') return null;
  const reader = new BitReader(input.replace(/ /g, '+'));
  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;
  const literal = (code: number): string | null =>
    code === 0
      ? String.fromCharCode(reader.read(8))
      : code === 1
        ? String.fromCharCode(reader.read(16))
        : null;

  const first = reader.read(2);
  if (first === 2) return '';
  const c = literal(first);
  if (c === null) return null;
  dictionary[3] = c;
  let w = c;
  const parts = [c];
  let length = c.length;
  for (;;) {
    if (reader.exhausted) return '';
    let code = reader.read(numBits);
    if (code === 2) return parts.join('');
    if (code === 0 || code === 1) {
      const added = literal(code);
      if (added === null) return null;
      dictionary.push(added);
      code = dictionary.length - 1;
      if (--enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
    }
    let entry: string;
    if (code < dictionary.length && code >= 3) entry = dictionary[code] as string;
    else if (code === dictionary.length) entry = w + w.charAt(0);
    else return null;
    length += entry.length;
    if (length > maxChars) throw new DecompressedTooLarge(maxChars);
    parts.push(entry);
    dictionary.push(w + entry.charAt(0));
    w = entry;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
