// Parser speed: a typical voicemail and a 1 MB document. Prints figures beside the goals; never asserts.
import { parseRcml } from '../src/rcml/parse.ts';
import { largeDocument, VOICEMAIL } from '../src/rcml/sample-documents.ts';

/** Milliseconds per call of `run`: the mean over all rounds, and the fastest round (least disturbed). */
function timeIt(rounds: number, callsPerRound: number, run: () => void): { mean: number; fastest: number } {
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    for (let i = 0; i < callsPerRound; i += 1) run();
    perCall.push((performance.now() - start) / callsPerRound);
  }
  return { mean: perCall.reduce((sum, ms) => sum + ms, 0) / rounds, fastest: Math.min(...perCall) };
}

function parseOrFail(text: string): number {
  const result = parseRcml(text);
  if (result.document === null)
    throw new Error(`benchmark document does not parse: ${result.diagnostics[0]?.message}`);
  return result.document.verbs.length;
}

parseOrFail(VOICEMAIL);
timeIt(5, 1_000, () => parseRcml(VOICEMAIL));
const typical = timeIt(20, 1_000, () => parseRcml(VOICEMAIL));

const large = largeDocument(1_000_000);
const verbCount = parseOrFail(large);
timeIt(2, 1, () => parseRcml(large));
const big = timeIt(10, 1, () => parseRcml(large));

console.log(
  `typical voicemail (${VOICEMAIL.length} chars): mean ${typical.mean.toFixed(4)} ms, fastest ${typical.fastest.toFixed(4)} ms   goal < 1 ms`,
);
console.log(
  `1 MB document (${large.length} chars, ${verbCount} verbs): mean ${big.mean.toFixed(1)} ms, fastest ${big.fastest.toFixed(1)} ms   goal < 200 ms`,
);
