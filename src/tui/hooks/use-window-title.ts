import { useEffect } from 'react';
import { windowTitle, type TitleModel } from '../terminal/title.js';

/** Keeps the terminal title on the blog and its state; set only when it changes. */
export function useWindowTitle(model: TitleModel, setTitle: ((title: string) => void) | undefined): void {
  const title = windowTitle(model);
  useEffect(() => {
    setTitle?.(title);
  }, [title, setTitle]);
}
