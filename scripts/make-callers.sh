#!/usr/bin/env bash
# Makes the sample callers in public/callers/: audio files a demo or a test plays into the capture path
# instead of the microphone (8 kHz, 16-bit, mono PCM WAV), and public/callers/callers.json, which says
# for each file where its speech and its DTMF tones are. Those positions are exact: every part is made
# separately and the file is their concatenation, so each boundary is a sum of part lengths in samples.
#   - speech: espeak-ng (voice en-us, 180 words/min, pitch 50), trimmed by energy (sox `silence` at
#     −50 dBFS) so that it runs from its first to its last sample, then levelled to −22 dBFS RMS;
#   - a DTMF tone: the sum of the key's two sines (sox `synth`), each at −10 dBFS, with 5 ms fades;
#   - silence: digital zeros.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). Run from anywhere:
#   scripts/make-callers.sh
# The output is the same on every run for given espeak-ng and sox versions (no dither; sox -R).
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/callers
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RATE=8000
FMT=(-r "$RATE" -c 1 -b 16 -e signed-integer)
SOX=(sox -R -D)
VOICE=(-v en-us -s 180 -p 50)
SPEECH_RMS_DBFS=-22
TONE_DBFS=-10

# utterance NAME TEXT: trimmed speech at SPEECH_RMS_DBFS.
utterance() {
  local name=$1 text=$2
  espeak-ng "${VOICE[@]}" -w "$tmp/$name-raw.wav" "$text"
  "${SOX[@]}" "$tmp/$name-raw.wav" "${FMT[@]}" "$tmp/$name-trim.wav" gain -6 \
    silence 1 0.005 -50d reverse silence 1 0.005 -50d reverse
  local rms
  rms=$(sox "$tmp/$name-trim.wav" -n stats 2>&1 | awk '/^RMS lev dB/ {print $4}')
  "${SOX[@]}" "$tmp/$name-trim.wav" "$tmp/$name.wav" gain "$(echo "$SPEECH_RMS_DBFS - $rms" | bc -l)"
}

# tone NAME KEY SECONDS: the key's DTMF pair.
tone() {
  local name=$1 key=$2 seconds=$3 low high
  case $key in
    1) low=697 high=1209 ;; 2) low=697 high=1336 ;; 3) low=697 high=1477 ;;
    4) low=770 high=1209 ;; 5) low=770 high=1336 ;; 6) low=770 high=1477 ;;
    7) low=852 high=1209 ;; 8) low=852 high=1336 ;; 9) low=852 high=1477 ;;
    '*') low=941 high=1209 ;; 0) low=941 high=1336 ;; '#') low=941 high=1477 ;;
    *) echo "tone: unknown key $key" >&2 && exit 1 ;;
  esac
  "${SOX[@]}" -n "${FMT[@]}" "$tmp/$name-low.wav" synth "$seconds" sine "$low" gain "$TONE_DBFS"
  "${SOX[@]}" -n "${FMT[@]}" "$tmp/$name-high.wav" synth "$seconds" sine "$high" gain "$TONE_DBFS"
  "${SOX[@]}" -m -v 1 "$tmp/$name-low.wav" -v 1 "$tmp/$name-high.wav" "${FMT[@]}" "$tmp/$name.wav" \
    fade 0.005 "$seconds" 0.005
}

# silence NAME SECONDS
silence() {
  "${SOX[@]}" -n "${FMT[@]}" "$tmp/$1.wav" trim 0 "$2"
}

samples() {
  soxi -s "$1"
}

# seconds SAMPLES: exact, as a JSON number.
seconds() {
  echo "$1" | awk -v rate="$RATE" '{ printf "%.6f", $1 / rate }' | sed -e 's/0*$//' -e 's/\.$//'
}

# json_array KEY TAIL ITEM...: a property holding an array, laid out as prettier lays it out (on one
# line if it fits in 110 columns, else one item a line), so the JSON stays prettier-clean.
json_array() {
  local key=$1 tail=$2
  shift 2
  local line="    \"$key\": [" first=1
  for item in "$@"; do
    if [ $first = 1 ]; then line+="$item"; first=0; else line+=", $item"; fi
  done
  line+="]$tail"
  if [ ${#line} -le 110 ]; then
    echo "$line"
  else
    echo "    \"$key\": ["
    local n=$# j=0
    for item in "$@"; do
      j=$((j + 1))
      if [ $j -lt $n ]; then echo "      $item,"; else echo "      $item"; fi
    done
    echo "    ]$tail"
  fi
}

entries=()
# caller FILE TITLE DESCRIPTION PART...: parts are s:SECONDS (silence), u:NAME (an utterance made
# before), t:KEY:SECONDS (a DTMF tone). Writes the file and adds its entry to callers.json.
caller() {
  local file=$1 title=$2 description=$3
  shift 3
  local files=() speech=() tones=() position=0 i=0 part length
  for part in "$@"; do
    i=$((i + 1))
    case $part in
      s:*)
        silence "p$i" "${part#s:}"
        files+=("$tmp/p$i.wav")
        ;;
      u:*)
        cp "$tmp/${part#u:}.wav" "$tmp/p$i.wav"
        files+=("$tmp/p$i.wav")
        ;;
      t:*)
        local spec=${part#t:}
        tone "p$i" "${spec%%:*}" "${spec#*:}"
        files+=("$tmp/p$i.wav")
        ;;
    esac
    length=$(samples "$tmp/p$i.wav")
    case $part in
      u:*) speech+=("[$(seconds "$position"), $(seconds $((position + length)))]") ;;
      t:*)
        local key=${spec%%:*}
        tones+=("{ \"key\": \"$key\", \"startSeconds\": $(seconds "$position"), \"endSeconds\": $(seconds $((position + length))) }")
        ;;
    esac
    position=$((position + length))
  done
  "${SOX[@]}" "${files[@]}" "${FMT[@]}" "$out/$file"
  [ "$(samples "$out/$file")" -eq "$position" ] || { echo "$file: length mismatch" >&2 && exit 1; }
  entries+=("  {
    \"file\": \"$file\",
    \"title\": \"$title\",
    \"description\": \"$description\",
    \"durationSeconds\": $(seconds "$position"),
$(json_array speech , "${speech[@]}")
$(json_array tones '' "${tones[@]}")
  }")
  printf '%-22s %7s s %7d bytes\n' "$file" "$(seconds "$position")" "$(stat -c %s "$out/$file")"
}

utterance alex "Hi, this is Alex from Springfield, calling about my order. Please call me back."
utterance sam "Hi, it's Sam. The parcel came today, thanks!"
utterance account "My account number is four two seven. Thank you."

caller voicemail.wav "Voicemail" \
  "Alex leaves a short message, then stays silent: the silence timeout ends the Record." \
  s:0.5 u:alex s:6
caller voicemail-pound.wav "Voicemail ended with #" \
  "Sam leaves a short message, then presses # (in-band DTMF): finishOnKey ends the Record." \
  s:0.5 u:sam s:0.8 t:#:0.12 s:3
caller menu.wav "Menu choice, then a message" \
  "Listens to a prompt, presses 1 for a Gather menu, speaks a message and ends it with #." \
  s:3 t:1:0.12 s:2.5 u:account s:0.8 t:#:0.12 s:2

{
  echo "["
  for ((j = 0; j < ${#entries[@]}; j++)); do
    if [ "$j" -lt $((${#entries[@]} - 1)) ]; then echo "${entries[$j]},"; else echo "${entries[$j]}"; fi
  done
  echo "]"
} >"$out/callers.json"
echo "wrote $out/callers.json"
