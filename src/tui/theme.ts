import type { SpanStyle } from './card-layout.js';

/** Ink <Text> props per span style. With colour off, only layout-neutral emphasis remains. */
export interface TextStyle {
  readonly color?: string;
  readonly bold?: boolean;
  readonly dimColor?: boolean;
  readonly inverse?: boolean;
  readonly strikethrough?: boolean;
  readonly underline?: boolean;
}

const colored: Readonly<Record<SpanStyle, TextStyle>> = {
  time: { color: 'cyan', bold: true },
  title: { bold: true },
  body: {},
  tag: { color: 'magenta' },
  caption: {},
  credit: { dimColor: true },
  link: { color: 'blue' },
  meta: { color: 'yellow' },
  marker: { color: 'cyan', bold: true },
  followed: { color: 'yellow', bold: true, inverse: true },
  retracted: { dimColor: true },
  removed: { color: 'red', strikethrough: true },
  added: { color: 'green', underline: true },
  plain: {},
};

export function styleOf(style: SpanStyle, color: boolean): TextStyle {
  if (color) return colored[style];
  return {};
}

/**
 * A search match, drawn inverse. Inverse is emphasis, not colour, so it stays when colours are
 * off; chalk writes nothing at all then (FORCE_COLOR=0), so the sequence is written here.
 */
export function highlighted(text: string): string {
  return `\u001b[7m${text}\u001b[27m`;
}
