import { Box, Text } from 'ink';
import type { Row } from '../card-layout.js';
import { styleOf } from '../theme.js';

/** Paints pre-laid-out rows. Rows are already cut to the width, so Ink never wraps them. */
export function Rows({ rows, color }: { readonly rows: readonly Row[]; readonly color: boolean }) {
  return (
    <Box flexDirection="column">
      {rows.map((row, index) =>
        // Ink gives a blank <Text> no height; the layout counted this row, so it must take one.
        row.length === 0 ? (
          <Box key={index} height={1} />
        ) : (
          <Text key={index} wrap="truncate">
            {row.map((span, spanIndex) => (
              <Text key={spanIndex} {...styleOf(span.style, color)}>
                {span.text}
              </Text>
            ))}
          </Text>
        ),
      )}
    </Box>
  );
}
