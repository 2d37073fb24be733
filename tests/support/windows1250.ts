/** Text → windows-1250 bytes (what Czech Excel saves), for generating test files; the table comes from TextDecoder. */
const decoder = new TextDecoder('windows-1250');
const byteOf = new Map<string, number>();
for (let byte = 0; byte < 256; byte++) {
  const char = decoder.decode(new Uint8Array([byte]));
  if (!byteOf.has(char)) byteOf.set(char, byte);
}

export function encodeWindows1250(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = byteOf.get(text[i]!);
    if (byte === undefined) throw new Error(`not in windows-1250: ${text[i]}`);
    bytes[i] = byte;
  }
  return bytes;
}
