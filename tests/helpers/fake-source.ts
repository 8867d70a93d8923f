import type { Emit, Source, SourceSignal } from '../../src/schema/signal.js';

/** A source driven by the test: signals go out when the test says so. */
export class FakeSource implements Source {
  emit: Emit | undefined;
  stopped = false;
  constructor(
    readonly feed: string,
    private readonly initial: readonly SourceSignal[] = [],
    /** What a source started early would hand over before `start` (see early-start). */
    private arrived: SourceSignal[] = [],
  ) {}

  takeArrived(): SourceSignal[] {
    const arrived = this.arrived;
    this.arrived = [];
    return arrived;
  }

  start(emit: Emit): void {
    this.emit = emit;
    for (const signal of this.initial) emit(signal);
  }

  send(...signals: SourceSignal[]): void {
    for (const signal of signals) this.emit!(signal);
  }

  stop(): void {
    this.stopped = true;
  }
}
