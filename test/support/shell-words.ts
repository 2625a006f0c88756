/**
 * Splits a command line as a POSIX shell would for the simple lines docs and help show:
 * words separated by spaces, "double" and 'single' quotes, and nothing after a redirection
 * (`<`, `>`, `|`) or a comment (`#`). Enough to run documented command lines as argv.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (const ch of line) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word = (word ?? "") + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= "";
    } else if (ch === " ") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (word === undefined && "<>|#".includes(ch)) {
      break;
    } else word = (word ?? "") + ch;
  }
  if (quote !== undefined) throw new Error(`unterminated quote in: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}
