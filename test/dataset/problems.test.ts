/**
 * Problems in brief, as the bot shows them on Discord and in the health report: whatever a data
 * file holds, and wherever in the file, the brief form names the file, the line and what was
 * expected, and nothing the file says.
 */
import { describe, expect, it } from 'vitest';
import { briefProblem, formatProblem } from '../../src/dataset/problems.js';
import { datasetErrorAfter, SOURCE_000 } from '../helpers/dataset-fixture.js';

/** Shaped like a bot token: what must never reach Discord from a file. */
const SECRET = 'MTEwNjk5ODc2NTQzMjEwOTg3';

describe('briefProblem', () => {
  it('keeps file, line and what was expected, and drops every value the file holds', async () => {
    const error = await datasetErrorAfter(async (copy) => {
      // The secret as a value of the wrong type, a quote, an id, a position, an unknown field's
      // name, the YAML parser's account of a syntax error, and a file's whole content.
      await copy.replace(SOURCE_000, 'topic: sequence', `topic: [${SECRET}]`);
      await copy.replace(
        SOURCE_000,
        "quote: 'A group of terrrorists",
        `quote: '${SECRET} A group of terrrorists`,
      );
      await copy.replace(SOURCE_000, 'position: explosive-laden-vehicle-rammed', `position: ${SECRET}`);
      await copy.replace(
        SOURCE_000,
        'incident: daraban-2023-12-12',
        `incident: ${SECRET}\n${SECRET}_field: 1`,
      );
      await copy.write('context/header.yaml', `groups: |2${SECRET}\n  x\n`);
      await copy.write('sources/whole.yaml', `root:x:0:0:root:/root:/bin/bash ${SECRET}\n`);
    });
    const problems = error.problems;
    expect(problems.length).toBeGreaterThanOrEqual(7);
    // The curator's own form tells what the file says...
    expect(problems.map(formatProblem).join('\n')).toContain(SECRET);
    for (const problem of problems) {
      const brief = briefProblem(problem);
      // ... the brief one only where and what.
      expect(brief).not.toContain(SECRET);
      expect(brief).not.toContain('root:x');
      expect(brief.startsWith(`${problem.file}${problem.line === null ? '' : `:${problem.line}`}: `)).toBe(
        true,
      );
      expect(brief.length).toBeLessThan(problem.file.length + 140);
    }
  });

  it('never shows the host’s path of a missing folder', async () => {
    let dir = '';
    const error = await datasetErrorAfter(async (copy) => {
      dir = copy.dir;
      await copy.remove('sources');
    });
    const missing = error.problems.find((p) => p.file === 'sources/');
    expect(missing && formatProblem(missing)).toContain(dir);
    expect(missing && briefProblem(missing)).toBe('sources/: expected a folder sources/ in …');
  });
});
