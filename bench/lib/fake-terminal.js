import { EventEmitter } from 'node:events';

/** A terminal for Ink without a terminal: stdout records frames, stdin takes keypresses. */
export class FakeStdout extends EventEmitter {
  constructor(columns, rows, onWrite) {
    super();
    this.columns = columns;
    this.rows = rows;
    this.isTTY = true;
    this.onWrite = onWrite;
  }
  write(chunk, encoding, callback) {
    this.onWrite(typeof chunk === 'string' ? chunk : chunk.toString());
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) done();
    return true;
  }
}

export class FakeStdin extends EventEmitter {
  constructor() {
    super();
    this.isTTY = true;
    this.data = null;
  }
  press(data) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read() {
    const { data } = this;
    this.data = null;
    return data;
  }
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}
