/** Saves text or bytes as a file through the browser's download (a temporary object URL, revoked later). */
export function download(content: string | Uint8Array, fileName: string, mimeType: string): void {
  const part = typeof content === 'string' ? content : (content as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for a large ZIP to be handed over to the browser's download manager.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
