/**
 * Test support: an lz-string stream (URI alphabet) of one character repeated, written code by code, so
 * that `codes` codes expand to about codes² / 2 characters (35,000 codes: 600 million) without ever
 * building the text. What a hostile permalink looks like.
 */
const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

export function lzBomb(codes: number): string {
  let out = '';
  let value = 0;
  let position = 0;
  const write = (bits: number, width: number) => {
    for (let i = 0; i < width; i++) {
      value = (value << 1) | ((bits >> i) & 1);
      if (++position === 6) {
        out += URI_ALPHABET[value];
        value = 0;
        position = 0;
      }
    }
  };
  write(0, 2); // an 8-bit literal
  write('a'.charCodeAt(0), 8);
  let dictionarySize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  for (let n = 0; n < codes; n++) {
    // The entry about to be added (w + w[0]): one character longer each time.
    write(dictionarySize, numBits);
    dictionarySize++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  write(2, numBits);
  if (position > 0) out += URI_ALPHABET[value << (6 - position)];
  return out;
}
