/** Median and spread of repeated measurements, and the table every benchmark prints into. */

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Spread as ± half the range around the median, in percent. */
export function spread(values) {
  if (values.length < 2) return 0;
  const m = median(values);
  return m === 0 ? 0 : ((Math.max(...values) - Math.min(...values)) / 2 / m) * 100;
}

export async function repeat(times, measure) {
  const results = [];
  for (let index = 0; index < times; index += 1) results.push(await measure(index));
  return results;
}

export function format(value, digits = 1) {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}

/**
 * Rows: { group, name, value, unit, spread, ratio?, target?, met? }. Printed as a Markdown table
 * so the README can carry it as is.
 */
export function renderTable(rows) {
  const lines = [
    '| group | measurement | median | spread | vs baseline | target | met |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.group} | ${row.name} | ${format(row.value)} ${row.unit} | ±${row.spread.toFixed(0)}% | ${row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x ${row.baseline ?? ''}`.trim()} | ${row.target ?? ''} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}
