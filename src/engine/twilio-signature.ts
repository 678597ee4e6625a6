import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

/**
 * What Twilio signs (SPEC §7): the full URL the request is sent to (a GET's query included), followed by
 * the POST parameters sorted by name, each name immediately followed by its value.
 */
export function twilioSignaturePayload(url: string, postParams: Record<string, string> | null): string {
  if (postParams === null) return url;
  return Object.keys(postParams)
    .sort()
    .reduce((payload, name) => payload + name + postParams[name], url);
}

/** X-Twilio-Signature: base64 of HMAC-SHA1 keyed with the Auth Token over twilioSignaturePayload. */
export function twilioSignature(
  authToken: string,
  url: string,
  postParams: Record<string, string> | null,
): string {
  return base64(hmac(sha1, utf8ToBytes(authToken), utf8ToBytes(twilioSignaturePayload(url, postParams))));
}
