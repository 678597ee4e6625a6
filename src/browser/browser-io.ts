import { getAudioContext } from './audio-context.ts';
import { browserHttp } from './browser-http.ts';
import type { CallerAudio, CallerSource, CallIo, CaptureEvents, SpeakerPort } from './call-io.ts';
import { browserVideo } from './camera.ts';
import { startCapture } from './capture.ts';
import type { LiveServer } from './live-server.ts';
import { openMicrophone } from './microphone.ts';
import { networkMethods, openCallerNetwork, type NetworkPath } from './network-path.ts';
import { randomHex } from './random-hex.ts';
import type { CallSettings } from './settings.ts';
import { loadSpeechBackend } from './silero-model.ts';
import { Speaker } from './speaker.ts';
import { errorMessage } from '../rcml/error-message.ts';

/** How loud the caller's file is heard in the page's own speakers (the call records it at full level). */
const FILE_MONITOR_GAIN = 0.6;

/** The microphone, into the capture path (through the network path unless Network is `direct`). */
async function microphoneCaller(
  context: AudioContext,
  settings: CallSettings,
  events: CaptureEvents,
): Promise<CallerSource> {
  const stream = await openMicrophone(settings.microphone);
  const tracks = stream.getAudioTracks();
  let network: NetworkPath | null = null;
  let source;
  let capture;
  try {
    network = await openCallerNetwork(settings.network, tracks[0], events.onEnded);
    source = context.createMediaStreamSource(network?.received ?? stream);
    capture = await startCapture(context, source, events.onChunk);
  } catch (error) {
    network?.close();
    for (const track of stream.getTracks()) track.stop();
    throw error;
  }
  const onEnded = () => events.onEnded('The microphone stopped during the call: the call was hung up.');
  for (const track of tracks) track.addEventListener('ended', onEnded);
  let stopped = false;
  return {
    label: tracks[0]?.label || 'Microphone',
    alive: () => tracks.some((track) => track.readyState === 'live') && (network?.alive() ?? true),
    startPlayback: () => undefined,
    ...networkMethods(network),
    audioTrack: () => (network?.received ?? stream).getAudioTracks()[0] ?? null,
    stop() {
      if (stopped) return;
      stopped = true;
      capture.stop();
      source.disconnect();
      network?.close();
      for (const track of stream.getTracks()) {
        track.removeEventListener('ended', onEnded);
        track.stop();
      }
    },
  };
}

/**
 * A caller audio file, decoded by the browser and played in real time into the capture path (SPEC §9),
 * through the network path (as a track of a MediaStreamAudioDestinationNode) unless Network is `direct`.
 */
async function fileCaller(
  context: AudioContext,
  settings: CallSettings,
  audio: CallerAudio,
  events: CaptureEvents,
): Promise<CallerSource> {
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(audio.bytes.slice(0));
  } catch (error) {
    throw new Error(
      `The caller audio file “${audio.name}” could not be decoded: ${errorMessage(error)}. Use a WAV file or another format this browser plays.`,
      { cause: error },
    );
  }
  const source = context.createBufferSource();
  source.buffer = buffer;
  const monitor = context.createGain();
  monitor.gain.value = FILE_MONITOR_GAIN;
  source.connect(monitor).connect(context.destination);
  const line = settings.network.codec === 'direct' ? null : context.createMediaStreamDestination();
  if (line) source.connect(line);
  let network: NetworkPath | null = null;
  let capture;
  try {
    network = await openCallerNetwork(settings.network, line?.stream.getAudioTracks()[0], events.onEnded);
    const captured = network ? context.createMediaStreamSource(network.received) : source;
    capture = await startCapture(context, captured, events.onChunk);
  } catch (error) {
    network?.close();
    source.disconnect();
    monitor.disconnect();
    throw error;
  }
  let started = false;
  let stopped = false;
  /** The file as a track, for a video recording's sound (made when one asks). */
  let soundLine: MediaStreamAudioDestinationNode | null = null;
  const play = () => {
    if (started || stopped) return;
    started = true;
    source.start();
  };
  if (settings.caller.starts === 'call') play();
  return {
    label: audio.name,
    alive: () => network?.alive() ?? true,
    startPlayback: play,
    ...networkMethods(network),
    audioTrack() {
      if (network) return network.received.getAudioTracks()[0] ?? null;
      if (!soundLine) {
        soundLine = context.createMediaStreamDestination();
        source.connect(soundLine);
      }
      return soundLine.stream.getAudioTracks()[0] ?? null;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      capture.stop();
      network?.close();
      for (const track of line?.stream.getTracks() ?? []) track.stop();
      for (const track of soundLine?.stream.getTracks() ?? []) track.stop();
      soundLine?.disconnect();
      if (started) {
        try {
          source.stop();
        } catch {
          // already ended
        }
      }
      source.disconnect();
      monitor.disconnect();
    },
  };
}

let speaker: Promise<Speaker> | null = null;

/** The calls' browser I/O: the real microphone, files, speaker, model, fetch, timers and server. */
export function browserIo(live: LiveServer): CallIo {
  return {
    async openCaller(settings, callerAudio, events) {
      const context = await getAudioContext();
      if (settings.caller.source === 'file') {
        if (!callerAudio) {
          throw new Error(
            'Choose a caller audio file (or a sample caller) first, or set Caller to Microphone.',
          );
        }
        return fileCaller(context, settings, callerAudio, events);
      }
      return microphoneCaller(context, settings, events);
    },
    speaker(): Promise<SpeakerPort> {
      speaker ??= getAudioContext().then((context) => new Speaker(context));
      return speaker;
    },
    vadBackend: () => loadSpeechBackend(),
    http: browserHttp,
    timers: {
      now: () => performance.now(),
      wallClockMs: () => Date.now(),
      setInterval(callback, ms) {
        const id = window.setInterval(callback, ms);
        return () => window.clearInterval(id);
      },
    },
    randomHex,
    liveServer: live.available ? live : null,
    video: browserVideo,
  };
}
