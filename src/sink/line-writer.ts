/*
 * Batches output lines into large writes (one syscall per batch instead of per event) and turns
 * a closed pipe (`| head -n 3`) into a quiet `onClosed` instead of an EPIPE crash.
 */

const flushThreshold = 64 * 1024;

export interface LineWriter {
  write(line: string): void;
  /** Writes what is buffered; resolves once the stream has taken it. */
  flush(): Promise<void>;
  readonly closed: boolean;
}

/**
 * `onBatch` is called as each batch is handed to the stream; the function it returns runs once
 * the stream has taken that batch (so callers learn what has really been written).
 */
export function createLineWriter(stream: NodeJS.WritableStream, onClosed: () => void, onBatch?: () => () => void): LineWriter {
  let buffer = '';
  let scheduled = false;
  let closed = false;

  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') onClosed();
    else throw error;
  });

  function writeBuffer(): void {
    scheduled = false;
    if (closed || buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    const written = onBatch?.();
    stream.write(chunk, (error) => {
      if (!error) written?.();
    });
  }

  return {
    get closed() {
      return closed;
    },
    write(line) {
      if (closed) return;
      buffer += line + '\n';
      if (buffer.length >= flushThreshold) writeBuffer();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(writeBuffer);
      }
    },
    flush() {
      writeBuffer();
      return new Promise((resolve) => {
        if (closed) resolve();
        else stream.write('', () => resolve());
      });
    },
  };
}
