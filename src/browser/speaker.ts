import { beepSamples, DTMF_FREQUENCIES, dtmfSamples, type DtmfKey } from '../audio/tones.ts';
import { DIGIT_GAP_SECONDS, DIGIT_TONE_SECONDS, DIGIT_WAIT_SECONDS } from '../engine/play-digits.ts';
import { estimateSaySeconds } from '../engine/say-duration.ts';
import type { MediaHandle, SpeakerPort } from './call-io.ts';
import { errorMessage } from '../rcml/error-message.ts';

/** Seconds of a DTMF tone when a keypad key is pressed. */
const DTMF_TONE_SECONDS = 0.12;

/**
 * What the caller hears: the beep, DTMF tones, speech and played audio. It owns every node, utterance
 * and timer it starts, and `stopAll()` releases them. One per page: key tones play outside calls too.
 */
export class Speaker implements SpeakerPort {
  private readonly active = new Set<MediaHandle>();

  constructor(private readonly context: AudioContext) {}

  private track(stop: () => void): MediaHandle {
    const handle: MediaHandle = {
      stop: () => {
        if (!this.active.delete(handle)) return;
        stop();
      },
    };
    this.active.add(handle);
    return handle;
  }

  private playBuffer(buffer: AudioBuffer, loop: boolean, onEnded: () => void): MediaHandle {
    const node = this.context.createBufferSource();
    node.buffer = buffer;
    node.loop = loop;
    node.connect(this.context.destination);
    const handle = this.track(() => {
      node.onended = null;
      try {
        node.stop();
      } catch {
        // already stopped
      }
      node.disconnect();
    });
    node.onended = () => {
      handle.stop();
      onEnded();
    };
    node.start();
    return handle;
  }

  private playSamples(samples: Float32Array, onEnded: () => void = () => undefined): MediaHandle {
    const buffer = this.context.createBuffer(1, samples.length, this.context.sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    return this.playBuffer(buffer, false, onEnded);
  }

  beep(seconds: number): void {
    this.playSamples(beepSamples(this.context.sampleRate, seconds));
  }

  keyTone(key: string): void {
    if (!(key in DTMF_FREQUENCIES)) return;
    this.playSamples(dtmfSamples(key as DtmfKey, this.context.sampleRate, DTMF_TONE_SECONDS));
  }

  /**
   * Speaks `text` `loop` times through speechSynthesis; where the browser has no voice, nothing is heard
   * and the estimated duration is kept instead. `onDone` is called once (not after stop).
   */
  say(
    text: string,
    options: { voice: string; language: string; loop: number },
    onDone: () => void,
  ): MediaHandle {
    const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    const voices = synth?.getVoices() ?? [];
    const estimateMs = estimateSaySeconds(text) * Math.max(1, options.loop) * 1000;
    let timer = 0;
    const handle = this.track(() => {
      window.clearTimeout(timer);
      if (voices.length > 0) synth?.cancel();
    });
    const finish = () => {
      if (!this.active.has(handle)) return;
      handle.stop();
      onDone();
    };
    if (!synth || voices.length === 0) {
      timer = window.setTimeout(finish, estimateMs);
      return handle;
    }
    const language = options.language.toLowerCase();
    const voice =
      voices.find((v) => v.name === options.voice) ??
      voices.find((v) => v.lang.toLowerCase() === language) ??
      voices.find((v) => v.lang.toLowerCase().startsWith(language.slice(0, 2))) ??
      null;
    let remaining = Math.max(1, options.loop);
    const speakOnce = () => {
      const utterance = new SpeechSynthesisUtterance(text);
      if (voice) utterance.voice = voice;
      utterance.lang = options.language;
      utterance.onend = () => {
        remaining -= 1;
        if (remaining > 0 && this.active.has(handle)) speakOnce();
        else finish();
      };
      utterance.onerror = () => finish();
      synth.speak(utterance);
    };
    speakOnce();
    // A synthesizer that never reports its end must not hold the call forever.
    timer = window.setTimeout(finish, estimateMs * 3 + 2000);
    return handle;
  }

  /** Decodes and plays fetched audio `loop` times (0 = until stopped). `onDone` once, with an error or null. */
  playAudio(bytes: ArrayBuffer, loop: number, onDone: (error: string | null) => void): MediaHandle {
    let inner: MediaHandle | null = null;
    let done = false;
    const finish = (error: string | null) => {
      if (done) return;
      done = true;
      handle.stop();
      onDone(error);
    };
    const handle = this.track(() => {
      done = true;
      inner?.stop();
    });
    this.context.decodeAudioData(bytes.slice(0)).then(
      (buffer) => {
        if (done) return;
        let remaining = loop;
        const once = () => {
          inner = this.playBuffer(buffer, false, () => {
            remaining -= 1;
            if (loop === 0 || remaining > 0) once();
            else finish(null);
          });
        };
        once();
      },
      (error: unknown) => finish(`the audio could not be decoded (${errorMessage(error)})`),
    );
    return handle;
  }

  playDigits(digits: string, onDone: () => void): MediaHandle {
    const rate = this.context.sampleRate;
    const parts: Float32Array[] = [];
    for (const digit of digits) {
      const wait = DIGIT_WAIT_SECONDS[digit];
      if (wait !== undefined) parts.push(new Float32Array(Math.round(wait * rate)));
      else if (digit in DTMF_FREQUENCIES) {
        parts.push(dtmfSamples(digit as DtmfKey, rate, DIGIT_TONE_SECONDS));
        parts.push(new Float32Array(Math.round(DIGIT_GAP_SECONDS * rate)));
      }
    }
    const samples = new Float32Array(
      Math.max(
        1,
        parts.reduce((n, p) => n + p.length, 0),
      ),
    );
    let offset = 0;
    for (const part of parts) {
      samples.set(part, offset);
      offset += part.length;
    }
    return this.playSamples(samples, onDone);
  }

  stopAll(): void {
    for (const handle of [...this.active]) handle.stop();
  }
}
