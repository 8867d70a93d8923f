/**
 * Text layout for the terminal: sanitize, segment, measure, wrap (CJK line breaking with
 * strict kinsoku and Korean keep-all), truncate. Components render the lines this module
 * produces and never wrap text themselves. See CONFORMANCE.md for where line breaking
 * deliberately differs from UAX #14.
 */
export { sanitize, sanitizeLine } from './sanitize.js';
export {
  graphemes,
  graphemeWidth,
  textWidth,
  setAmbiguousWidth,
  widthModeKey,
  type AmbiguousWidth,
} from './width.js';
export { breakOpportunities, isNoStart, isNoEnd, isInseparable } from './linebreak.js';
export {
  prepareText,
  wrapPrepared,
  wrapPreparedCached,
  lineJoins,
  wrap,
  truncate,
  fitWidth,
  type PreparedText,
} from './layout.js';
export {
  probeStrings,
  probeKinds,
  profileFrom,
  applyWidthProfile,
  describeWidths,
  type ProbeKind,
  type MeasuredWidths,
  type WidthProfile,
} from './terminal-widths.js';
