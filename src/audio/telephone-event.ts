/** The keys of RFC 4733's DTMF events 0–15 (§3.2, table 7): 0–9, *, #, A–D. */
const EVENT_KEYS = '0123456789*#ABCD';

export interface TelephoneEvent {
  /** The DTMF key, or null for an event that is not a DTMF key (16 and up). */
  key: string | null;
  /** The event code (0–255). */
  event: number;
  /** The E bit: this packet ends the event. */
  end: boolean;
  /** The tone's power level, in −dBm0 (0–63). */
  volume: number;
  /** How long the event has lasted so far, in units of the RTP clock. */
  duration: number;
}

/**
 * Reads the payload of an RFC 4733 telephone-event packet (§2.3: event, E bit, R bit, volume, 16-bit
 * duration). Returns null when the payload is shorter than the four bytes an event takes.
 */
export function readTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null;
  const event = payload[0]!;
  return {
    key: EVENT_KEYS[event] ?? null,
    event,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

/** The DTMF key of a key name as the keypad gives it, for RTCDTMFSender: 0–9, *, #, A–D; null otherwise. */
export function dtmfKey(key: string): string | null {
  const upper = key.toUpperCase();
  return upper.length === 1 && EVENT_KEYS.includes(upper) ? upper : null;
}

/**
 * Turns the telephone-event packets of one RTP stream into key presses: each event is sent as several
 * packets with the same RTP timestamp (its start), the last ones repeated with the E bit, so a key is
 * reported once, on the first packet of a new timestamp.
 */
export class TelephoneEventReceiver {
  private lastTimestamp: number | null = null;

  /** The key pressed, when this packet starts a new DTMF event; null for the rest of an event. */
  push(rtpTimestamp: number, payload: Uint8Array): string | null {
    const event = readTelephoneEvent(payload);
    if (!event || event.key === null) return null;
    const timestamp = rtpTimestamp >>> 0;
    if (timestamp === this.lastTimestamp) return null;
    this.lastTimestamp = timestamp;
    return event.key;
  }
}
