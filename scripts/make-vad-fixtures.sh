#!/usr/bin/env bash
# Makes the voice-activity fixtures: 8 kHz, 16-bit, mono PCM WAVs in e2e/fixtures/vad/, each with a JSON
# beside it giving the speech intervals [start, end] in seconds. The intervals come from how each file is
# assembled: every utterance is synthesised by espeak-ng, trimmed by energy (sox `silence`, −50 dBFS) so
# that its speech runs from its first to its last sample, levelled to a target RMS, then padded and
# concatenated with digital silence; the boundaries are the padding plus the trimmed lengths.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")/.."
out=e2e/fixtures/vad
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RATE=8000
FMT=(-r "$RATE" -c 1 -b 16 -e signed-integer)

# utterance NAME RMS_DBFS TEXT: a trimmed utterance at the given RMS level.
utterance() {
  local name=$1 level=$2 text=$3
  espeak-ng -v en-us -s 160 -w "$tmp/$name-raw.wav" "$text"
  sox "$tmp/$name-raw.wav" "${FMT[@]}" "$tmp/$name-trim.wav" gain -6 \
    silence 1 0.005 -50d reverse silence 1 0.005 -50d reverse
  local rms
  rms=$(sox "$tmp/$name-trim.wav" -n stats 2>&1 | awk '/^RMS lev dB/ {print $4}')
  sox "$tmp/$name-trim.wav" "$tmp/$name.wav" gain "$(echo "$level - $rms" | bc -l)"
}

# silence NAME SECONDS
silence() {
  sox -n "${FMT[@]}" "$tmp/$1.wav" trim 0 "$2"
}

seconds() {
  soxi -D "$1"
}

# assemble OUT PART... : concatenates parts (utterances u:NAME, silences s:SECONDS) and writes the JSON.
assemble() {
  local name=$1 noise=$2
  shift 2
  local files=() intervals=() position=0 i=0
  for part in "$@"; do
    i=$((i + 1))
    case $part in
      s:*)
        silence "gap$i" "${part#s:}"
        files+=("$tmp/gap$i.wav")
        position=$(echo "$position + $(seconds "$tmp/gap$i.wav")" | bc -l)
        ;;
      u:*)
        local file="$tmp/${part#u:}.wav" length
        length=$(seconds "$file")
        files+=("$file")
        intervals+=("[$(printf '%.4f' "$position"), $(printf '%.4f' "$(echo "$position + $length" | bc -l)")]")
        position=$(echo "$position + $length" | bc -l)
        ;;
    esac
  done
  if [ "$noise" = none ]; then
    sox "${files[@]}" "${FMT[@]}" "$out/$name.wav"
  else
    # noise=COLOUR:RMS_DBFS, mixed over the whole file.
    sox "${files[@]}" "${FMT[@]}" "$tmp/$name-clean.wav"
    make_noise "$tmp/$name-noise.wav" "${noise%%:*}" "${noise#*:}" "$(seconds "$tmp/$name-clean.wav")"
    sox -m "$tmp/$name-clean.wav" "$tmp/$name-noise.wav" "${FMT[@]}" "$out/$name.wav"
  fi
  local joined=""
  for interval in "${intervals[@]+"${intervals[@]}"}"; do joined+="${joined:+, }$interval"; done
  printf '{\n  "file": "%s.wav",\n  "durationSeconds": %s,\n  "speech": [%s],\n  "noise": "%s"\n}\n' \
    "$name" "$(printf '%.4f' "$(seconds "$out/$name.wav")")" "$joined" "$noise" >"$out/$name.json"
}

# make_noise OUT COLOUR RMS_DBFS SECONDS: seeded noise at the given RMS level.
make_noise() {
  local file=$1 colour=$2 level=$3 length=$4
  sox -R -n "${FMT[@]}" "$tmp/noise-raw.wav" synth "$length" "${colour}noise" vol 0.5
  local rms
  rms=$(sox "$tmp/noise-raw.wav" -n stats 2>&1 | awk '/^RMS lev dB/ {print $4}')
  sox "$tmp/noise-raw.wav" "$file" gain "$(echo "$level - $rms" | bc -l)"
}

utterance hello -22 "Hello, I would like to leave a message."
utterance order -22 "My order number is four two seven."
utterance thanks -22 "Please call me back. Thank you."
utterance quiet -30 "Hello, I would like to leave a message."

assemble one-utterance none s:0.5 u:hello s:2.5
assemble short-gap none s:0.5 u:hello s:0.6 u:order s:2.0
assemble long-gap none s:0.5 u:hello s:2.5 u:thanks s:0.6
assemble silence none s:4.0
assemble white-noise white:-40 s:5.0
assemble pink-noise pink:-40 s:5.0
assemble speech-in-noise pink:-35 s:0.5 u:hello s:0.6 u:order s:2.0
assemble quiet-speaker none s:0.5 u:quiet s:2.5

for json in "$out"/*.json; do echo "$json: $(tr -d '\n' <"$json")"; done
