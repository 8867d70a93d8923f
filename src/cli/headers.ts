import { UsageError } from './usage.js';

const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `Name: value` lines from --header and LIVETAIL_HEADERS. Errors name the header, never its
 * value: values are usually secrets.
 */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (!token.test(name)) throw new UsageError(`header must look like 'Name: value' (got a line without a valid name)`);
    const value = line.slice(colon + 1).trim();
    if (/[\r\n\0]/.test(value)) throw new UsageError(`header '${name}' has a control character in its value`);
    // HTTP carries header values as bytes: fetch refuses anything past Latin-1 on every attempt.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw new UsageError(`header '${name}' has a character HTTP headers cannot carry`);
    headers[name] = value;
  }
  return headers;
}
