import { Box, Text } from 'ink';
import type { Row } from '../card-layout.js';
import { styleOf } from '../theme.js';

/** Paints pre-laid-out rows. Rows are already cut to the width, so Ink never wraps them. */
export function Rows({ rows, color }: { readonly rows: readonly Row[]; readonly color: boolean }) {
  return (
    <Box flexDirection="column">
      {rows.map((row, index) => (
        <Text key={index} wrap="truncate">
          {row.length === 0
            ? ' '
            : row.map((span, spanIndex) => (
                <Text key={spanIndex} {...styleOf(span.style, color)}>
                  {span.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
