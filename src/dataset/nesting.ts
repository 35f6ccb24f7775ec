/**
 * A YAML document measured before it is built. Building the values of a file, and checking them,
 * recurse once per level: a file nested some thousands of levels overflows the stack (a YAML file
 * of `- - - …` can even end the process), so such a file is refused first. So is a file with a
 * double-quoted value far longer than any field holds (every JSON string is one): the YAML reader
 * builds such a string a character at a time, some 35 bytes each, so that one 31 MB value took
 * 1.2 GB. Other values are built whole, and the schema says how long each may be.
 */
import { CST } from 'yaml';

/** No data file needs more than a few levels (a claim's figure's range is at the fifth). */
export const MAX_NESTING = 32;

/**
 * No field holds more than a few thousand characters (the schema says how many each holds): a
 * double-quoted value longer than this is refused before it is built.
 */
export const MAX_VALUE_CHARS = 100_000;

/** Where a document goes beyond what a data file needs, and how. */
export type Beyond =
  | { offset: number; kind: 'deep' }
  | { offset: number; kind: 'long'; chars: number; key: string | undefined };

/**
 * The first place, found without recursion, where a parsed YAML document nests collections deeper
 * than `MAX_NESTING` or holds a double-quoted value longer than `MAX_VALUE_CHARS`; null when it does neither.
 */
export function yamlBeyondLimits(token: CST.Token): Beyond | null {
  // Two stacks side by side: a token to visit, and the collections around it.
  const tokens: CST.Token[] = [token];
  const depths: number[] = [0];
  for (let node = tokens.pop(); node; node = tokens.pop()) {
    const depth = depths.pop() ?? 0;
    if (node.type === 'document' && node.value) {
      const long = tooLong(undefined, node.value);
      if (long) return long;
      tokens.push(node.value);
      depths.push(depth);
    }
    if (!CST.isCollection(node)) continue;
    if (depth === MAX_NESTING) return { offset: node.offset, kind: 'deep' };
    for (const item of node.items) {
      const long = tooLong(item.key, item.key) ?? tooLong(item.key, item.value);
      if (long) return long;
      for (const part of [item.key, item.value]) {
        if (!part || !CST.isCollection(part)) continue;
        tokens.push(part);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}

/** A double-quoted value longer than any field holds, with the key it is under when there is one. */
function tooLong(key: CST.Token | null | undefined, value: CST.Token | null | undefined): Beyond | null {
  if (value?.type !== 'double-quoted-scalar' || value.source.length <= MAX_VALUE_CHARS) return null;
  const name = key && key !== value && CST.isScalar(key) ? CST.resolveAsScalar(key)?.value : undefined;
  return { offset: value.offset, kind: 'long', chars: value.source.length, key: name };
}
