#!/usr/bin/env bash
# Makes the speech fixtures the end-to-end tests play as Chromium's fake microphone:
# 8 kHz, 16-bit, mono PCM WAV (small enough to commit). Needs espeak-ng and sox
# (Debian: apt-get install espeak-ng sox). Output is deterministic for a given espeak-ng version.
set -euo pipefail
cd "$(dirname "$0")/.."
out=e2e/fixtures
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# speech.wav: about 8 s of continuous speech, so a 4 s recording is speech from end to end.
espeak-ng -v en-us -s 150 -w "$tmp/speech-raw.wav" \
  "Hello, this is a message for the record sandbox. I am calling about the order we placed last week. \
Please call me back when you have a moment, thank you very much."
sox "$tmp/speech-raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out/speech.wav" norm -3
soxi "$out/speech.wav"
