import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings, shareableSettings } from './settings.ts';

describe('camera settings', () => {
  it('default to the system camera at 640×480, 30 fps', () => {
    expect(normalizeSettings({}).camera).toEqual({ deviceId: null, width: 640, height: 480, frameRate: 30 });
  });

  it('keep good values and put the default back for each bad one', () => {
    const good = { deviceId: 'cam-2', width: 1280, height: 720, frameRate: 15 };
    expect(normalizeSettings({ camera: good }).camera).toEqual(good);
    const bad = normalizeSettings({
      camera: { deviceId: 42, width: 99_999, height: 240.5, frameRate: Number.NaN },
    }).camera;
    expect(bad).toEqual(DEFAULT_SETTINGS.camera);
    expect(normalizeSettings({ camera: 'front' }).camera).toEqual(DEFAULT_SETTINGS.camera);
    expect(normalizeSettings({ camera: { width: 320, height: '240', frameRate: 0 } }).camera).toEqual({
      deviceId: null,
      width: 320,
      height: 480,
      frameRate: 30,
    });
  });

  it('a link does not carry the camera device', () => {
    const settings = normalizeSettings({
      camera: { deviceId: 'cam-2', width: 320, height: 240, frameRate: 15 },
    });
    expect(shareableSettings(settings).camera).toEqual({
      deviceId: null,
      width: 320,
      height: 240,
      frameRate: 15,
    });
  });
});
