/**
 * How deeply a YAML document nests, found without recursion. Building the values of a file, and
 * checking them, recurse once per level: a file nested some thousands of levels overflows the stack
 * (a YAML file of `- - - …` can even end the process), so such a file is refused first.
 */
import { CST } from 'yaml';

/** No data file needs more than a few levels (a claim's figure's range is at the fifth). */
export const MAX_NESTING = 32;

/** The offset at which a parsed YAML document nests collections deeper than `max`, or -1. */
export function yamlTooDeepAt(token: CST.Token, max: number): number {
  // Two stacks side by side: a token to visit, and the collections around it.
  const tokens: CST.Token[] = [token];
  const depths: number[] = [0];
  for (let node = tokens.pop(); node; node = tokens.pop()) {
    const depth = depths.pop() ?? 0;
    if (node.type === 'document' && node.value) {
      tokens.push(node.value);
      depths.push(depth);
    }
    if (!CST.isCollection(node)) continue;
    if (depth === max) return node.offset;
    for (const item of node.items) {
      if (item.key && CST.isCollection(item.key)) {
        tokens.push(item.key);
        depths.push(depth + 1);
      }
      if (item.value && CST.isCollection(item.value)) {
        tokens.push(item.value);
        depths.push(depth + 1);
      }
    }
  }
  return -1;
}
