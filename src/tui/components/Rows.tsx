import { useContext } from 'react';
import { Box, Text } from 'ink';
import { HyperlinksContext, hyperlink } from '../terminal/hyperlinks.js';
import type { Row, Span } from '../card-layout.js';
import { highlighted, styleOf } from '../theme.js';

/**
 * Paints pre-laid-out rows. Rows are already cut to the width as this terminal draws them
 * (measured at start), so Ink must not cut them again by string-width's opinion, which is
 * wider for some emoji (⚠️, 1️⃣ in tmux): Ink 6.8 passes a `textWrap` of `end` through
 * untouched (wrap-text.js), and its output grid does not clip.
 */
export function Rows({ rows, color }: { readonly rows: readonly Row[]; readonly color: boolean }) {
  const links = useContext(HyperlinksContext);
  return (
    <Box flexDirection="column">
      {rows.map((row, index) =>
        // Ink gives a blank <Text> no height; the layout counted this row, so it must take one.
        row.length === 0 ? (
          <Box key={index} height={1} />
        ) : (
          <Text key={index} wrap="end">
            {row.map((span, spanIndex) => (
              <Text key={spanIndex} {...styleOf(span.style, color)}>
                {spanText(span, links)}
              </Text>
            ))}
          </Text>
        ),
      )}
    </Box>
  );
}

function spanText(span: Span, links: boolean): string {
  const text = span.highlight ? highlighted(span.text) : span.text;
  return links && span.link ? hyperlink(span.link, text) : text;
}
