/**
 * Chromium flags for the sandbox: a fake microphone and camera with no permission prompt, and audio that
 * plays without a user gesture. With `fakeMicrophoneWav`, Chromium's fake microphone plays that WAV once,
 * in real time, from the moment the page opens the microphone (one file per browser launch: the kit's
 * `startCall({ caller })` plays a file per call instead, without relaunching).
 */
export function sandboxChromiumArgs(fakeMicrophoneWav?: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(fakeMicrophoneWav ? [`--use-file-for-fake-audio-capture=${fakeMicrophoneWav}%noloop`] : []),
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/** `args` with the sandbox's flags added, each flag once (a flag already given keeps its given value). */
export function withSandboxArgs(args: readonly string[] = []): string[] {
  const name = (flag: string) => flag.split('=')[0];
  const given = new Set(args.map(name));
  return [...args, ...sandboxChromiumArgs().filter((flag) => !given.has(name(flag)))];
}
