/*
 * Splits a command line the reader typed (`|`) or configured (`notifyCommand`) into argv, so
 * it runs without a shell: nothing is expanded, and feed text only ever reaches the command on
 * stdin, never in its arguments. Quoting follows the shell's basic rules: '...' literal,
 * "..." with \" and \\ escapes, a backslash outside quotes escapes the next character.
 */

export class CommandLineError extends Error {}

export function parseCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  const chars = [...line];
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && (chars[index + 1] === '"' || chars[index + 1] === '\\')) word += chars[++index];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < chars.length) {
      word += chars[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new CommandLineError(`unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}
