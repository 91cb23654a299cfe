// The /live wire format: binary messages (frames, and init-image prompts) are [u32 big-endian header length]
// [UTF-8 JSON header][image bytes].
export function decodeFrame(buffer) {
  const view = new DataView(buffer);
  const headerLength = view.getUint32(0, false);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
  const image = new Blob([new Uint8Array(buffer, 4 + headerLength)], { type: header.mime });
  return { header, image };
}

export function promptMessage(seq, text, seed) {
  return JSON.stringify({ type: "prompt", seq, text, seed });
}

/** An image prompt with its init image (PNG/JPEG bytes): the frames' layout, client to server. */
export function initImageMessage(seq, text, seed, strength, imageBytes) {
  const header = new TextEncoder().encode(JSON.stringify({ type: "prompt", seq, text, seed, strength }));
  const message = new Uint8Array(4 + header.length + imageBytes.byteLength);
  new DataView(message.buffer).setUint32(0, header.length, false);
  message.set(header, 4);
  message.set(new Uint8Array(imageBytes), 4 + header.length);
  return message.buffer;
}
