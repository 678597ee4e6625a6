import * as alawmulaw from 'alawmulaw';
import { describe, expect, it } from 'vitest';
import { PACKET_SAMPLES } from '../audio/network-line.ts';
import { simulateCall, type SimulateOptions } from './simulate.ts';
import { rcml, routes } from './test-support.ts';

const g711: typeof alawmulaw = 'mulaw' in alawmulaw ? alawmulaw : Reflect.get(alawmulaw, 'default');

/** A caller who speaks for 3 s into a Record that stops 1 s after, then the call hangs up. */
const recordCall = (
  network?: SimulateOptions['network'],
): Promise<Awaited<ReturnType<typeof simulateCall>>> =>
  simulateCall({
    rcml: rcml('<Record action="/done" timeout="1" playBeep="false"/>'),
    input: { speech: [[0.2, 3.2]] },
    respond: routes({ '/done': rcml('<Hangup/>') }),
    ...(network ? { network } : {}),
  });

describe('simulateCall network (SPEC §11)', () => {
  it('pcmu without loss: every recorded sample is the μ-law round trip of what the caller sent', async () => {
    const direct = await recordCall();
    const pcmu = await recordCall({ codec: 'pcmu' });
    const [sent, heard] = [direct.recordings[0]!.samples, pcmu.recordings[0]!.samples];
    expect(heard.length).toBe(sent.length);
    expect(heard).toEqual(g711.mulaw.decode(g711.mulaw.encode(sent)));
    expect(heard).not.toEqual(sent);
    expect(direct.network).toBeNull();
    const packets = Math.ceil((pcmu.durationSeconds * 8000) / PACKET_SAMPLES);
    expect(pcmu.network).toEqual({
      codec: 'pcmu',
      packetsSent: packets,
      packetsLost: 0,
      packetsConcealed: 0,
    });
  });

  it('pcma without loss is the A-law round trip; direct changes nothing', async () => {
    const sent = (await recordCall()).recordings[0]!.samples;
    const pcma = (await recordCall({ codec: 'pcma' })).recordings[0]!.samples;
    expect(pcma).toEqual(g711.alaw.decode(g711.alaw.encode(sent)));
    const direct = await recordCall({ codec: 'direct', lossPercent: 30 });
    expect(direct.recordings[0]!.samples).toEqual(sent);
    expect(direct.network).toBeNull();
  });

  it('loss: whole 20 ms packets lost at about the rate asked, the same ones for the same seed', async () => {
    const first = await recordCall({ codec: 'pcmu', lossPercent: 20, seed: 7 });
    const again = await recordCall({ codec: 'pcmu', lossPercent: 20, seed: 7 });
    const other = await recordCall({ codec: 'pcmu', lossPercent: 20, seed: 8 });
    expect(again.recordings[0]!.samples).toEqual(first.recordings[0]!.samples);
    expect(other.recordings[0]!.samples).not.toEqual(first.recordings[0]!.samples);
    const stats = first.network!;
    expect(stats.codec).toBe('pcmu');
    expect(stats.packetsSent).toBe(Math.ceil((first.durationSeconds * 8000) / PACKET_SAMPLES));
    expect(stats.packetsLost / stats.packetsSent).toBeGreaterThan(0.12);
    expect(stats.packetsLost / stats.packetsSent).toBeLessThan(0.28);
    expect(stats.packetsConcealed).toBeGreaterThan(0);
    expect(stats.packetsConcealed).toBeLessThanOrEqual(stats.packetsLost);
    // The scripted caller's speech is decided on the script, so the Record still stops where it did.
    expect(first.recordings[0]!.endSample).toBe((await recordCall()).recordings[0]!.endSample);
  });

  it('says what is wrong with a network option', async () => {
    const bad = (network: unknown): Promise<unknown> =>
      simulateCall({ rcml: rcml('<Hangup/>'), network: network as SimulateOptions['network'] });
    await expect(bad('pcmu')).rejects.toThrow(
      'simulateCall: network must be an object ({ codec, lossPercent, seed }), got "pcmu"',
    );
    await expect(bad({ codec: 'gsm' })).rejects.toThrow(
      'simulateCall: network.codec must be one of direct, pcmu, pcma, opus, got "gsm"',
    );
    await expect(bad({ codec: 'pcmu', lossPercent: 31 })).rejects.toThrow(
      'simulateCall: network.lossPercent must be a number from 0 to 30, got 31',
    );
    await expect(bad({ codec: 'pcmu', seed: 1.5 })).rejects.toThrow(
      'simulateCall: network.seed must be a whole number, got 1.5',
    );
  });
});
