/** "1 claim", "3 claims": a number and its noun, in the one place the plural is made. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : nouns}`;
}
