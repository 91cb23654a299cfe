// The /live wire format: binary frames are [u32 big-endian header length][UTF-8 JSON header][image bytes].
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
