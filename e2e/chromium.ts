/** How the end-to-end tests and benchmarks launch Chromium: the one place for its flags. */

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Flags for headless Chromium with the fake microphone and camera. With `fakeAudioFile`, that WAV plays in
 * real time from getUserMedia on (once: `%noloop`); with `fakeVideoFile`, the camera shows that Y4M file
 * (looped); without, Chromium's own fake devices are used (a tone, a test pattern).
 */
export function chromiumArgs(fakeAudioFile?: string, fakeVideoFile?: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(fakeAudioFile ? [`--use-file-for-fake-audio-capture=${fakeAudioFile}%noloop`] : []),
    ...(fakeVideoFile ? [`--use-file-for-fake-video-capture=${fakeVideoFile}`] : []),
    '--autoplay-policy=no-user-gesture-required',
    // This machine has no network beyond the package registries: keep Chromium from trying.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    ...(runningAsRoot ? ['--no-sandbox'] : []),
  ];
}

/** The Chromium that scripts/find-chromium.mjs found (npm run e2e sets it), else Debian's. */
export function chromiumExecutable(): string {
  return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || '/usr/bin/chromium';
}
