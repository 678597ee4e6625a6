import { describe, expect, it } from 'vitest';
import { dtmfKey, readTelephoneEvent, TelephoneEventReceiver } from './telephone-event.ts';

/** An RFC 4733 payload: event, E bit, volume, duration. */
function payload(event: number, end: boolean, volume: number, duration: number): Uint8Array {
  return Uint8Array.of(event, (end ? 0x80 : 0) | volume, duration >> 8, duration & 0xff);
}

describe('readTelephoneEvent', () => {
  it('reads the event, the end bit, the volume and the duration', () => {
    expect(readTelephoneEvent(payload(11, true, 10, 800))).toEqual({
      key: '#',
      event: 11,
      end: true,
      volume: 10,
      duration: 800,
    });
    expect(readTelephoneEvent(payload(0, false, 63, 65535))).toMatchObject({ key: '0', end: false });
  });

  it('names the sixteen DTMF events and nothing beyond', () => {
    const keys = Array.from({ length: 17 }, (_, e) => readTelephoneEvent(payload(e, false, 10, 160))?.key);
    expect(keys.join(',')).toBe('0,1,2,3,4,5,6,7,8,9,*,#,A,B,C,D,');
    expect(keys[16]).toBeNull();
  });

  it('gives null for a payload too short to be an event', () => {
    expect(readTelephoneEvent(Uint8Array.of(1, 2, 3))).toBeNull();
  });
});

describe('TelephoneEventReceiver', () => {
  it('reports each event once, however many packets carry it (with the end repeated)', () => {
    const receiver = new TelephoneEventReceiver();
    const keys: (string | null)[] = [];
    // '1' at timestamp 8000 (three packets, the end sent three times), then '#' at 9600, then '1' again.
    for (const [ts, event, end, duration] of [
      [8000, 1, false, 160],
      [8000, 1, false, 320],
      [8000, 1, true, 800],
      [8000, 1, true, 800],
      [8000, 1, true, 800],
      [9600, 11, false, 160],
      [9600, 11, true, 800],
      [11200, 1, false, 160],
    ] as const) {
      keys.push(receiver.push(ts, payload(event, end, 10, duration)));
    }
    expect(keys.filter((k) => k !== null)).toEqual(['1', '#', '1']);
  });

  it('ignores events that are not DTMF keys', () => {
    const receiver = new TelephoneEventReceiver();
    expect(receiver.push(0, payload(32, false, 10, 160))).toBeNull();
    expect(receiver.push(0, Uint8Array.of(1))).toBeNull();
    expect(receiver.push(0, payload(5, false, 10, 160))).toBe('5');
  });
});

describe('dtmfKey', () => {
  it('accepts the sixteen DTMF keys (letters in either case) and nothing else', () => {
    expect(['1', '*', '#', 'a', 'D'].map(dtmfKey)).toEqual(['1', '*', '#', 'A', 'D']);
    expect(['', '12', 'E', ',', 'w'].map(dtmfKey)).toEqual([null, null, null, null, null]);
  });
});
