import { useEffect, useLayoutEffect, useRef } from 'react';
import type { WheelDirection } from '../terminal/mouse.js';

/** Subscribes to wheel notches (when the mouse setting is on); the latest handler is called. */
export type WheelEvents = (listener: (direction: WheelDirection) => void) => () => void;

export function useWheel(events: WheelEvents | undefined, onWheel: (direction: WheelDirection) => void): void {
  const handler = useRef(onWheel);
  useLayoutEffect(() => {
    handler.current = onWheel;
  });
  useEffect(() => events?.((direction) => handler.current(direction)), [events]);
}
