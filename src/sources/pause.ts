/** A wait between polls or reconnects that stopping the source cuts short. */
export interface Pause {
  wait(ms: number): Promise<void>;
  /** Ends the wait in progress, if any, at once. */
  cut(): void;
}

export function createPause(): Pause {
  let cut: (() => void) | undefined;
  return {
    wait: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          cut = undefined;
          resolve();
        }
        cut = done;
      }),
    cut: () => cut?.(),
  };
}
