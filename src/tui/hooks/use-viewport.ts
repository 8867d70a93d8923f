import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { TimelineItem } from '../../timeline/timeline.js';
import type { ScrollCommand } from '../controller.js';
import { initialViewport, selectedIndex, viewportReducer, type ListModel, type Viewport } from '../viewport.js';

export interface ViewportHandle {
  readonly viewport: Viewport;
  /** Applies a scroll command to the list as last drawn. */
  scroll(command: ScrollCommand): void;
  /** Puts the selection on the entry at `index` of the list as last drawn. */
  select(index: number): void;
  /** The entry under the cursor in the list as last drawn. */
  selected(): TimelineItem | undefined;
  /** The entries of the list as last drawn. */
  drawnItems(): ListModel['items'] | undefined;
}

/**
 * The viewport over a list model. Keys act on the list the reader saw, so the model of the last
 * commit is kept (written after commit, never during render). `layout` lists what changes card
 * heights (size, expanded cards): when it changes, the selected card is brought back on screen.
 */
export function useViewport(model: ListModel, layout: readonly unknown[]): ViewportHandle {
  const [viewport, dispatch] = useReducer(viewportReducer, initialViewport);
  const drawn = useRef<{ model: ListModel; viewport: Viewport } | undefined>(undefined);
  useLayoutEffect(() => {
    drawn.current = { model, viewport };
  });
  const scroll = useCallback((command: ScrollCommand) => {
    if (drawn.current) dispatch({ command, model: drawn.current.model });
  }, []);
  const select = useCallback((index: number) => {
    if (drawn.current) dispatch({ command: 'select', index, model: drawn.current.model });
  }, []);
  const selected = useCallback(() => {
    const last = drawn.current;
    return last ? last.model.items.at(selectedIndex(last.viewport, last.model)) : undefined;
  }, []);
  const layoutChanged = useRef(false);
  useEffect(() => {
    if (layoutChanged.current) scroll('reveal');
    layoutChanged.current = true;
  }, layout);
  const drawnItems = useCallback(() => drawn.current?.model.items, []);
  return { viewport, scroll, select, selected, drawnItems };
}
