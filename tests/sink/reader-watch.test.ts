import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPipeProbe, watchPipeReader } from '../../src/sink/reader-watch.js';
import { until } from '../helpers/until.js';

/*
 * A named pipe behaves like the `|` of a shell (the same kernel object): the reader is a child
 * process holding its read end, the test holds the write end, as livetail holds its stdout.
 */
const opened: number[] = [];
const readers: ChildProcess[] = [];

afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
  for (const reader of readers.splice(0)) reader.kill('SIGKILL');
});

function pipeWithReader(): { fd: number; reader: ChildProcess } {
  const fifo = join(mkdtempSync(join(tmpdir(), 'livetail-fifo-')), 'pipe');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const reader = spawn('sh', ['-c', 'exec sleep 600 < "$0"', fifo], { stdio: 'ignore' });
  readers.push(reader);
  // Opening a named pipe for writing waits until the reader has opened it.
  const fd = openSync(fifo, 'w');
  opened.push(fd);
  return { fd, reader };
}

async function endReader(reader: ChildProcess): Promise<void> {
  reader.kill('SIGKILL');
  await once(reader, 'exit');
}

describe.runIf(process.platform === 'linux')('noticing that the reader of a pipe has gone', () => {
  it('tells a pipe with a reader from one whose reader has gone, without writing to it', async () => {
    const { fd, reader } = pipeWithReader();
    const probe = createPipeProbe(fd)!;
    expect(probe.state()).toBe('open');
    await endReader(reader);
    expect(probe.state()).toBe('gone');
  });

  it('has no opinion on what is not a pipe', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'livetail-file-')), 'out.ndjson');
    writeFileSync(file, '');
    const fd = openSync(file, 'a');
    opened.push(fd);
    expect(createPipeProbe(fd)).toBeUndefined();
  });

  it('calls back once the reader goes away while nothing is written', async () => {
    const { fd, reader } = pipeWithReader();
    let gone = 0;
    const stop = watchPipeReader(fd, () => gone++, 10);
    try {
      await endReader(reader);
      await until(() => gone > 0, () => 'the closed pipe was not noticed');
      expect(gone).toBe(1);
    } finally {
      stop();
    }
  });
});
