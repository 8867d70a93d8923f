/** Splits a byte stream into text lines (LF or CRLF), linear in the input however it is chunked. */
export async function* readLines(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const line = (start === 0 ? partial + text.slice(0, newline) : text.slice(start, newline));
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      partial = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    partial += text.slice(start);
  }
  partial += decoder.decode();
  if (partial.length > 0) yield partial.endsWith('\r') ? partial.slice(0, -1) : partial;
}
