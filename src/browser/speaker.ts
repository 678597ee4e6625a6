import { beepSamples, DTMF_FREQUENCIES, dtmfSamples, type DtmfKey } from '../audio/tones.ts';

/** Seconds of a DTMF tone when a keypad key is pressed. */
const DTMF_TONE_SECONDS = 0.12;
/** Seconds of speech per word when the browser has no voice (the same estimate simulateCall uses). */
const SECONDS_PER_WORD = 0.4;
const MIN_SAY_SECONDS = 0.5;

export function estimateSpeechSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(MIN_SAY_SECONDS, words * SECONDS_PER_WORD);
}

export interface MediaHandle {
  stop(): void;
}

/**
 * What the caller hears: the beep, DTMF tones, speech and played URLs. It owns every node, utterance and
 * element it starts, and `stopAll()` releases them.
 */
export class Speaker {
  private readonly active = new Set<MediaHandle>();

  constructor(private readonly context: AudioContext) {}

  private playSamples(samples: Float32Array): MediaHandle {
    const buffer = this.context.createBuffer(1, samples.length, this.context.sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const node = this.context.createBufferSource();
    node.buffer = buffer;
    node.connect(this.context.destination);
    const handle: MediaHandle = {
      stop: () => {
        this.active.delete(handle);
        try {
          node.stop();
        } catch {
          // already stopped
        }
        node.disconnect();
      },
    };
    node.onended = () => handle.stop();
    this.active.add(handle);
    node.start();
    return handle;
  }

  beep(seconds: number): MediaHandle {
    return this.playSamples(beepSamples(this.context.sampleRate, seconds));
  }

  dtmf(key: string): MediaHandle | null {
    if (!(key in DTMF_FREQUENCIES)) return null;
    return this.playSamples(dtmfSamples(key as DtmfKey, this.context.sampleRate, DTMF_TONE_SECONDS));
  }

  /**
   * Speaks `text` `loop` times through speechSynthesis; where the browser has no voice, nothing is heard
   * and the estimated duration is kept instead. `onDone` is called once.
   */
  say(
    text: string,
    options: { voice: string; language: string; loop: number },
    onDone: () => void,
  ): MediaHandle {
    const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    const voices = synth?.getVoices() ?? [];
    const estimateMs = estimateSpeechSeconds(text) * Math.max(1, options.loop) * 1000;
    let finished = false;
    let timer = 0;
    const finish = () => {
      if (finished) return;
      finished = true;
      window.clearTimeout(timer);
      this.active.delete(handle);
      onDone();
    };
    const handle: MediaHandle = {
      stop: () => {
        if (voices.length > 0) synth?.cancel();
        finish();
      },
    };
    this.active.add(handle);
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
        if (remaining > 0 && !finished) speakOnce();
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

  /** Plays a URL `loop` times (0 = until stopped). `onDone` is called once, also on a load error. */
  play(url: string, loop: number, onDone: (error: string | null) => void): MediaHandle {
    const element = new Audio(url);
    let remaining = loop;
    let finished = false;
    const finish = (error: string | null) => {
      if (finished) return;
      finished = true;
      this.active.delete(handle);
      element.pause();
      element.removeAttribute('src');
      element.load();
      onDone(error);
    };
    const handle: MediaHandle = { stop: () => finish(null) };
    element.onended = () => {
      remaining -= 1;
      if (loop === 0 || remaining > 0) {
        element.currentTime = 0;
        void element.play().catch(() => finish(`could not play ${url}`));
      } else finish(null);
    };
    element.onerror = () => finish(`could not load ${url}`);
    this.active.add(handle);
    void element.play().catch(() => finish(`could not play ${url}`));
    return handle;
  }

  stopAll(): void {
    for (const handle of [...this.active]) handle.stop();
  }
}
