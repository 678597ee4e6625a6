#!/usr/bin/env bash
# Makes the talk-off fixtures: audio that must never dial a DTMF key (src/audio/dtmf-detector.test.ts
# asserts zero detections in each). 8 kHz, 16-bit, mono PCM WAVs in e2e/fixtures/talk-off/, about 11 s
# each: speech in several languages, voices, speeds and pitches (espeak-ng), whistling, and music with
# harmonics (sox). Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). The output is the
# same on every run for given espeak-ng and sox versions (sox -R seeds its generators).
#   scripts/make-talk-off.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=e2e/fixtures/talk-off
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FMT=(-r 8000 -c 1 -b 16 -e signed-integer)
SECONDS_EACH=11

# speech NAME VOICE SPEED PITCH TEXT: espeak-ng speech, peak-normalised to −1 dBFS, cut to 11 s.
speech() {
  local name=$1 voice=$2 speed=$3 pitch=$4 text=$5
  espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$tmp/$name.wav" "$text"
  sox -R "$tmp/$name.wav" "${FMT[@]}" "$out/$name.wav" norm -1 trim 0 "$SECONDS_EACH"
  printf '%-28s %6.2f s\n' "$name.wav" "$(soxi -D "$out/$name.wav")"
}

EN="Thank you for calling. Please listen carefully, as our menu options have changed. For billing, press \
one. For technical support, press two. To hear these options again, press the star key, or press the pound \
key to finish. My number is five five five, eight six seven, five three zero nine. Zero, one, two, three, \
four, five, six, seven, eight, nine. Hello? Hello, can you hear me? I am calling about my order."

speech en-us-male en-us 160 50 "$EN"
speech en-gb-female en-gb+f3 175 70 "$EN"
speech de-fast de+m3 230 45 "Guten Tag, hier spricht der automatische Anrufbeantworter. Bitte hinterlassen \
Sie eine Nachricht nach dem Signalton. Eins, zwei, drei, vier, fünf, sechs, sieben, acht, neun, null. \
Vielen Dank für Ihren Anruf, wir melden uns so schnell wie möglich. Auf Wiederhören und einen schönen Tag."
speech fr-high-pitch fr+f4 140 95 "Bonjour, vous êtes bien sur la messagerie de Claire. Je ne suis pas \
disponible pour le moment. Un, deux, trois, quatre, cinq, six, sept, huit, neuf, zéro. Laissez-moi un \
message et je vous rappellerai dès que possible. Merci et à bientôt."
speech es-slow-low es+m1 115 10 "Hola, buenos días. Llamo por el pedido número uno dos tres cuatro. Por \
favor, llámeme cuando pueda. Cinco, seis, siete, ocho, nueve, cero."
speech cmn-tonal cmn+f2 150 60 "你好，欢迎致电客户服务中心。请按一号键查询账单，按二号键联系技术支持。零一二三四五六七八九。谢谢您的来电，再见。"

# Whistling and music, from sox's synthesiser. Notes are named (e.g. F5 = 698 Hz, F#6 = 1480 Hz sit on
# DTMF frequencies 697 and 1477); `pluck` and `sawtooth` carry the harmonics real instruments have.
# whistle: pure-tone glides and a whistled melody, one pitch at a time, as a person whistles.
sox -R -n "${FMT[@]}" "$tmp/w1.wav" synth 1.5 sine 600:2200 : synth 1.5 sine 2200:700 vol 0.5
sox -R -n "${FMT[@]}" "$tmp/w2.wav" synth 0.3 sine F5 : synth 0.3 sine A5 : synth 0.3 sine C6 : \
  synth 0.6 sine F#6 : synth 0.3 sine E6 : synth 0.3 sine D6 : synth 0.6 sine G#6 : synth 0.3 sine F5 \
  : synth 0.3 sine G5 : synth 0.9 sine A#5 vol 0.5
sox -R -n "${FMT[@]}" "$tmp/w3.wav" synth 3 sine 1209 sine amod 5 vol 0.5
sox -R "$tmp/w1.wav" "$tmp/w2.wav" "$tmp/w3.wav" "$tmp/w1.wav" "$tmp/w2.wav" "${FMT[@]}" "$out/whistle.wav" norm -1 trim 0 "$SECONDS_EACH"
printf '%-28s %6.2f s\n' whistle.wav "$(soxi -D "$out/whistle.wav")"

# music: plucked chords and sawtooth notes whose fundamentals or harmonics sit on DTMF pairs
# (F5 + F#6 is key 3's pair; F4's second and B4's third harmonics fall on 698 and 1482 Hz).
chord() { # chord OUT SECONDS TYPE NOTE...
  local file=$1 len=$2 type=$3
  shift 3
  local args=()
  for note in "$@"; do args+=("$type" "$note"); done
  sox -R -n "${FMT[@]}" "$file" synth "$len" "${args[@]}" fade 0.01 "$len" 0.05 vol 0.3
}
i=0
parts=()
for spec in "pluck F5 F#6" "pluck F4 B4" "sawtooth F5 F#6" "pluck C4 E4 G4" "sawtooth A4 E5" \
  "pluck G5 D6" "square F4 B4" "pluck A#5 E6" "sawtooth G5 G#6" "pluck C5 F5 A5" "square A#4 F#5" \
  "pluck D5 A5 D6" "sawtooth F4 C5 F5" "pluck E5 B5" "square G4 D5"; do
  i=$((i + 1))
  read -r -a words <<<"$spec"
  chord "$tmp/m$i.wav" 0.8 "${words[@]}"
  parts+=("$tmp/m$i.wav")
done
sox -R "${parts[@]}" "${FMT[@]}" "$out/music.wav" norm -1 trim 0 "$SECONDS_EACH"
printf '%-28s %6.2f s\n' music.wav "$(soxi -D "$out/music.wav")"
du -ch "$out"/*.wav | tail -1
