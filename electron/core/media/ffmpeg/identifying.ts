/** A metadata tag that may identify a person or a place, shown to the user before anything leaves the vault. */
export interface IdentifyingTag {
  key: string;
  value: string;
  why: string;
  /** 'format' for container tags, otherwise the stream index. */
  where: 'format' | number;
}

const EXACT: Record<string, string> = {
  location: 'GPS position where the recording was made',
  'location-eng': 'GPS position where the recording was made',
  'com.apple.quicktime.location.iso6709': 'GPS position where the recording was made',
  xyz: 'GPS position where the recording was made',
  make: 'make of the recording device',
  model: 'model of the recording device',
  'com.apple.quicktime.make': 'make of the recording device',
  'com.apple.quicktime.model': 'model of the recording device',
  'com.apple.quicktime.software': 'software version of the recording device',
  'com.android.manufacturer': 'make of the recording device',
  'com.android.model': 'model of the recording device',
};

const CONTAINS: [RegExp, string][] = [
  [/gps/i, 'GPS data'],
  [/location/i, 'location data'],
  [/serial/i, 'serial number of the recording device'],
  [/owner/i, 'owner of the recording device'],
  [/author|artist|copyright/i, 'name of a person'],
];

/**
 * Cameras often name themselves in the encoder or handler tag ("GoPro AVC encoder", "DJIAVC");
 * software encoders (Lavf, x264, HandBrake) identify nobody and are not flagged.
 */
const DEVICE_IN_TOOL = /gopro|dji|canon|sony|nikon|panasonic|fujifilm|olympus|insta360|iphone|ipad|samsung|pixel|huawei|xiaomi|zoom|tascam|blackmagic|ambarella/i;
const TOOL_KEYS = /^(encoder|handler_name|com\.apple\.quicktime\.software|software)$/i;

export function findIdentifying(tags: Record<string, string> | undefined, where: 'format' | number): IdentifyingTag[] {
  const found: IdentifyingTag[] = [];
  for (const [key, raw] of Object.entries(tags ?? {})) {
    const value = String(raw).trim();
    if (!value) continue;
    const lower = key.toLowerCase();
    const why = EXACT[lower] ?? CONTAINS.find(([re]) => re.test(key))?.[1];
    if (why) found.push({ key, value, why, where });
    else if (TOOL_KEYS.test(key) && DEVICE_IN_TOOL.test(value)) found.push({ key, value, why: 'names the recording device', where });
  }
  return found;
}
