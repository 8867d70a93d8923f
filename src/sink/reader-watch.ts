import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';

/*
 * `livetail URL | head -n 3` on a quiet feed: head has gone, but a pipe's writer only learns
 * that from its next write (EPIPE), which may be hours away. On Linux the write end of a pipe
 * with no reader left reports POLLERR, and coreutils' `tail -f` (since 8.28) polls stdout for
 * it. Node has no poll() for an arbitrary descriptor, and what it does have fails here: libuv
 * opens the write end write-only, so reading on it (`net.Socket({ fd: 1, readable: true })`,
 * `_handle.readStart()`) fails with ENOTCONN; a zero-length write succeeds on a closed pipe; a
 * stat of the pipe does not change; opening `/proc/self/fd/1` for reading would make us a reader
 * and hide head's exit altogether. One poll() Node does ship is WASI's `poll_oneoff`, which
 * libuv answers by polling the host descriptor: asked whether stdout is writable, it reports an
 * error exactly when the kernel says POLLERR. So a small memory-only WebAssembly instance gives
 * WASI its memory, and we call `poll_oneoff` on it directly, a few times a second.
 * Only on Linux, where this was verified: elsewhere the next write still notices (EPIPE).
 */

const require = createRequire(import.meta.url);

/** What we use of WebAssembly, which this project's TypeScript libraries do not describe. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: { readonly memory: { readonly buffer: ArrayBuffer } } };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export type ReaderState = 'open' | 'gone' | 'unknown';

/** A WebAssembly module with nothing but one page of exported memory, which WASI needs to work in. */
const memoryOnlyModule = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x05, 0x03, 0x01, 0x00, 0x01, // memory section: one memory, at least one page
  0x07, 0x0a, 0x01, 0x06, ...new TextEncoder().encode('memory'), 0x02, 0x00, // export it as "memory"
]);

// WASI preview1 layout: a subscription is 48 bytes, an event 32.
const subscriptionSize = 48;
const eventsOffset = 2 * subscriptionSize;
const eventCountOffset = eventsOffset + 2 * 32;
const eventTypeClock = 0;
const eventTypeFdWrite = 2;
const clockMonotonic = 1;
/**
 * A clock subscription bounds each probe: a full pipe (a slow but present reader) is not
 * writable, and then our own pending write notices a reader leaving anyway. With a timeout of 0
 * libuv reports only the clock, so it is one millisecond.
 */
const probeTimeoutNs = 1_000_000n;
/** The descriptor as WASI numbers it: we hand it over as WASI's stdout. */
const watchedFd = 1;
const fdUserdata = 1n;
const clockUserdata = 2n;

export interface PipeProbe {
  state(): ReaderState;
}

/** A probe of the reader of `fd`, or undefined where it cannot tell (not Linux, not a pipe). */
export function createPipeProbe(fd: number): PipeProbe | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    if (!fstatSync(fd).isFIFO()) return undefined;
    const { WASI } = withoutExperimentalWarning(() => require('node:wasi') as typeof import('node:wasi'));
    const wasi = new WASI({ version: 'preview1', stdin: fd, stdout: fd, stderr: fd, returnOnExit: true });
    const instance = new wasm.Instance(new wasm.Module(memoryOnlyModule));
    wasi.initialize(instance);
    const memory = instance.exports.memory;
    const pollOneoff = wasi.wasiImport.poll_oneoff as (inPtr: number, outPtr: number, count: number, countPtr: number) => number;
    return {
      state() {
        const view = new DataView(memory.buffer);
        new Uint8Array(memory.buffer, 0, eventCountOffset + 4).fill(0);
        view.setBigUint64(0, fdUserdata, true);
        view.setUint8(8, eventTypeFdWrite);
        view.setUint32(16, watchedFd, true);
        view.setBigUint64(subscriptionSize, clockUserdata, true);
        view.setUint8(subscriptionSize + 8, eventTypeClock);
        view.setUint32(subscriptionSize + 16, clockMonotonic, true);
        view.setBigUint64(subscriptionSize + 24, probeTimeoutNs, true);
        if (pollOneoff(0, eventsOffset, 2, eventCountOffset) !== 0) return 'unknown';
        for (let index = 0; index < view.getUint32(eventCountOffset, true); index++) {
          const event = eventsOffset + index * 32;
          if (view.getUint8(event + 10) !== eventTypeFdWrite) continue;
          return view.getUint16(event + 8, true) === 0 ? 'open' : 'gone';
        }
        return 'open';
      },
    };
  } catch {
    return undefined;
  }
}

/** Calls `onGone` once the reader of the pipe on `fd` has gone; returns what stops watching. */
export function watchPipeReader(fd: number, onGone: () => void, intervalMs = 200): () => void {
  const probe = createPipeProbe(fd);
  if (!probe) return () => undefined;
  const timer = setInterval(() => {
    const state = probe.state();
    if (state === 'open') return;
    clearInterval(timer);
    if (state === 'gone') onGone();
  }, intervalMs).unref();
  return () => clearInterval(timer);
}

/** Loading WASI announces it as experimental on stderr, which belongs to our diagnostics. */
function withoutExperimentalWarning<T>(create: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).startsWith('WASI is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return create();
  } finally {
    process.emitWarning = emitWarning;
  }
}
