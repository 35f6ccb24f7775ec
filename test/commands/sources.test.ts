import { beforeAll, describe, expect, it } from 'vitest';
import { ALONE_CAP, sources } from '../../commands/sources.js';
import { sourceTag } from '../../src/briefing/sources.js';
import { claimsReportedAlone } from '../../src/compare/views.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadEditedDataset, loadSeeds, SOURCE_000 } from '../helpers/dataset-fixture.js';
import { choose, type Ran, run, section } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const REPORT_MENU = 'A report in full…';
const INDILEAK = 'indileak-2023-12-12';
const UNDATED = 'at-least-23-soldiers';

/** One report in full, as the menu under /sources gives it (the same as /sources report:). */
function inFull(list: Ran, id: string): Ran {
  const full = choose(list, REPORT_MENU, id);
  expect(full.text).toBe(run(sources, dataset, { report: id }).text);
  return full;
}

describe('/sources', () => {
  it('lists every report in brief: outlet or "outlet unknown", headline, date, dateline, link', () => {
    const ran = run(sources, dataset);
    expect(ran.fields.map((f) => f.name)).toEqual(['indileak.com', 'countryroque.com (outlet unknown)']);
    const first = section(ran, 'indileak.com').split('\n');
    expect(first[0]).toBe(
      '“24 killed in suicide attack at police station in Pakistan”, 12 December 2023, New Delhi',
    );
    expect(first[1]).toBe(
      '<https://indileak.com/24-killed-in-suicide-attack-at-police-station-in-pakistan/>',
    );
    const second = section(ran, 'countryroque.com (outlet unknown)').split('\n');
    expect(second[0]).toBe('“At Least 23 Soldiers Killed in Attack in Pakistan”, date not stated');
    expect(second[1]).toBe('<https://countryroque.com/at-least-23-soldiers-killed-in-attack-in-pakistan/>');
    // Every report offered in full, by its number.
    expect(ran.components.find((c) => c.label === REPORT_MENU)?.options.map((o) => o.value)).toEqual([
      INDILEAK,
      UNDATED,
    ]);
  });

  it('gives one report in full: its details, its link and what is known of its origin', () => {
    const ran = run(sources, dataset);
    const first = section(inFull(ran, INDILEAK), 'The report');
    expect(first).toContain('“24 killed in suicide attack at police station in Pakistan”');
    expect(first).toContain('Published 12 December 2023 · dateline New Delhi');
    expect(first).toContain(
      '<https://indileak.com/24-killed-in-suicide-attack-at-police-station-in-pakistan/>',
    );
    const second = section(inFull(ran, UNDATED), 'The report');
    expect(second).toContain('“At Least 23 Soldiers Killed in Attack in Pakistan”');
    expect(second).toContain('Publication date not stated · no dateline');
    expect(second).toContain('a republished copy');
  });

  it('counts the claims each supports, and the counts add up to the total', () => {
    const ran = run(sources, dataset);
    const counts = [...ran.text.matchAll(/^(\d+) claims?; only it: \d+/gm)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(dataset.sources.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dataset.claims.length);
    expect(ran.embeds[0]?.description).toContain(`${dataset.claims.length} claims in all`);
    const supports = [INDILEAK, UNDATED].map((id) =>
      Number(/Supports (\d+) claims?/.exec(inFull(ran, id).text)?.[1]),
    );
    expect(supports).toEqual(counts);
  });

  it('says what each report alone reports, and nothing the other also reports', () => {
    const ran = run(sources, dataset);
    const alone = claimsReportedAlone(dataset);
    for (const [id, tag] of [
      [INDILEAK, 'indileak.com'],
      [UNDATED, 'countryroque.com'],
    ] as const) {
      const count = alone.get(id)?.length ?? 0;
      expect(section(ran, tag)).toMatch(new RegExp(`; only it: ${count}, e\\.g\\. “`));
      expect(section(inFull(ran, id), `What only ${tag} reports (${count})`).length).toBeGreaterThan(0);
    }
    const only1 = section(inFull(ran, INDILEAK), 'What only indileak.com reports');
    expect(only1).toContain('• The blast injured 34.');
    expect(only1).toContain('Bugti');
    expect(only1).not.toContain('At least 24 officers were killed'); // countryroque.com gives the same measure
    const only2 = section(inFull(ran, UNDATED), 'What only countryroque.com reports');
    expect(only2).not.toContain('Twenty-three soldiers');
    expect(only2).not.toContain('Telegram'); // a perpetrator claim is never "reported alone"
  });

  it('caps a long list with "and N more"', () => {
    const alone = claimsReportedAlone(dataset);
    const [longestId, longest] = [...alone.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    expect(longest?.length).toBeGreaterThan(ALONE_CAP);
    expect(inFull(run(sources, dataset), longestId ?? '').text).toContain(
      `…and ${(longest?.length ?? 0) - ALONE_CAP} more`,
    );
  });

  it('finds a report by the label replies show, by its id, or by a number an older reply showed, saying numbers move', () => {
    const byLabel = run(sources, dataset, { report: 'countryroque.com' });
    expect(byLabel.embeds[0]?.title).toBe('Source: countryroque.com (outlet unknown)');
    expect(run(sources, dataset, { report: UNDATED }).text).toBe(byLabel.text);
    for (const typed of ['2', '[2]', '#2']) {
      const byNumber = run(sources, dataset, { report: typed });
      expect(byNumber.embeds[0]?.title, typed).toBe('Source: countryroque.com (outlet unknown)');
      expect(byNumber.embeds[0]?.description).toMatch(
        /^Report numbers are not stable: .* its label, “countryroque\.com”, stays the same\.$/,
      );
    }
    expect(run(sources, dataset, { report: '3' }).text).toContain('No report is called “3”');
  });

  it('offers reports by label as you type', () => {
    const choices = sources.autocomplete?.(
      { name: 'report', value: 'countryroque' },
      { options: {} },
      { dataset, now: new Date() },
    );
    expect(choices?.map((c) => c.value)).toEqual([UNDATED]);
    expect(choices?.[0]?.name).toMatch(/^countryroque\.com, At Least 23 Soldiers/);
  });

  it('answers a report it does not know with how to find one', () => {
    const ran = run(sources, dataset, { report: 'Daily Nowhere' });
    expect(ran.embeds[0]?.title).toBe('Unknown report');
    expect(ran.text).toContain('No report is called “Daily Nowhere”');
    expect(ran.text).not.toContain('Did you mean');
  });

  it('suggests the report nearest a misspelt label', () => {
    const label = sourceTag(dataset, dataset.sources[0]?.id ?? '');
    expect(label.length).toBeGreaterThan(5);
    const typed = `${label.slice(0, 2)}${label.slice(3)}`;
    expect(run(sources, dataset, { report: typed }).text).toContain(`Did you mean “${label}”?`);
  });
});

describe('/sources on a restated text', () => {
  it('says the stored text restates the report, in brief and in full', async () => {
    const edited = await loadEditedDataset(async (copy) => {
      await copy.replace(
        SOURCE_000,
        'incident: daraban-2023-12-12',
        'incident: daraban-2023-12-12\nrestated: true',
      );
    });
    expect(section(run(sources, edited), 'indileak.com')).toContain('restated, not the published text');
    expect(run(sources, edited, { report: INDILEAK }).text).toContain(
      'Kind: restated, not the published text',
    );
    expect(run(sources, dataset).text).not.toContain('restated');
  });
});
