/** Documents shared by the parser's tests and benchmark. */

/** A typical voicemail: a greeting, a `<Record>` with attributes, and a fallback. */
export const VOICEMAIL = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Say voice="woman" language="en-GB">Please leave a message after the beep. Press the pound key when done.</Say>
  <Record action="https://app.example.com/voicemail?box=42&amp;lang=en" method="POST" timeout="10"
          finishOnKey="#" maxLength="120" playBeep="true"/>
  <Say>We did not receive a recording. Goodbye.</Say>
</Response>
`;

const VOICEMAIL_VERBS = `  <Say voice="woman" language="en-GB">Please leave a message after the beep &amp; thanks.</Say>
  <Record action="/voicemail?box=42&amp;lang=en" method="GET" timeout="10" finishOnKey="#" maxLength="60"/>
  <Gather action="/menu" numDigits="1" timeout="3"><Say>Press 1 to hear it again.</Say><Pause length="2"/></Gather>
`;

/** A well-formed `<Response>` of about `sizeChars` characters, made of voicemail-like verbs. */
export function largeDocument(sizeChars: number): string {
  const repeats = Math.max(1, Math.ceil((sizeChars - 24) / VOICEMAIL_VERBS.length));
  return `<Response>\n${VOICEMAIL_VERBS.repeat(repeats)}</Response>\n`;
}

/** `count` `<Pause/>` verbs in one `<Response>`. */
export function manyVerbs(count: number): string {
  return `<Response>${'<Pause/>'.repeat(count)}</Response>`;
}

/** A `<Response>` with `depth` nested elements inside it. */
export function deepNesting(depth: number): string {
  return `<Response>${'<Gather>'.repeat(depth)}${'</Gather>'.repeat(depth)}</Response>`;
}

/** The "billion laughs" entity bomb. */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Response><Say>&lol9;</Say></Response>
`;
