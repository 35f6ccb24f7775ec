/** The digest builder and the /digest command's checks, on the seed reports and the developing story. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../commands/digest.js';
import { SORTED_UNDER } from '../../src/briefing/lines.js';
import { summariseComparison } from '../../src/compare/compare.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { labelOf } from '../../src/dataset/labels.js';
import { sourcesInOrder } from '../../src/dataset/order.js';
import { agreementLine, buildDigest, OLDER_SNAPSHOT } from '../../src/digest/build.js';
import { takeSnapshot } from '../../src/digest/snapshot.js';
import { renderBriefing } from '../../src/render/render.js';
import { briefingToText } from '../../src/render/text.js';
import { NOW, readable } from '../commands/support.js';
import { loadSeeds, loadStory, STORY_DIR } from '../helpers/dataset-fixture.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const text = (d: ReturnType<typeof buildDigest>) => briefingToText(d.briefing);

const SINCE = '🆕 Since the last digest';

/** The lines of a digest's section, as the console shows them. */
function sectionLines(d: ReturnType<typeof buildDigest>, heading: string): string[] {
  const found = d.briefing.sections.find((s) => s.heading === heading);
  expect(found, `a section “${heading}”`).toBeDefined();
  return briefingToText({ title: '', sections: [found ?? { heading, lines: [] }] })
    .split('\n')
    .slice(3);
}

/** The digest as the posting service sends it: two messages at most. */
function posted(d: ReturnType<typeof buildDigest>) {
  return renderBriefing(d.briefing, { maxMessages: 2 });
}

describe('the digest', () => {
  it('states an agreement as the position held, never one source’s wording under another’s number', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const d = buildDigest({ dataset, incident, previous: null });
    const summary = summariseComparison(dataset.claimsByIncident.get(incident.id) ?? [], dataset);
    const agree = summary.agree.map((c) => readable(agreementLine(dataset, c)));
    // countryroque.com calls Dera Ismail Khan a district, indileak.com a city: neither wording may stand for both.
    expect(agree).toContain('District: Dera Ismail Khan (2 reports)');
    expect(agree.join('\n')).not.toMatch(/calls a city/);
    // TJP's characterisations are facets: indileak.com calls it a splinter group of the TTP,
    // countryroque.com a relatively unknown group (and its speakers a cover, a front). Each is a
    // position held, none merged; the voices quoted in one report count as that report, once.
    const tjp = agree.find((line) => line.startsWith('How TJP is characterised')) ?? '';
    expect(tjp).toBe(
      'How TJP is characterised: a splinter group of the TTP; a relatively unknown militant group; a cover for other groups; a front organization of the TTP (2 reports)',
    );
    // Who holds each is one click away: the quotes behind both points are offered.
    const menu = d.actions.find((a) => a.kind === 'menu');
    expect(menu?.kind === 'menu' ? menu.choices.map((c) => c.value) : []).toEqual(
      expect.arrayContaining(['location.district', 'tjp.characterisation']),
    );
  });

  it('says when it moves to another incident instead of listing every claim as withdrawn', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const previous = { ...takeSnapshot(dataset, incident.id), incident: 'an-earlier-incident' };
    const out = text(buildDigest({ dataset, incident, previous }));
    expect(out).toMatch(/Now covering this incident; the last digest covered an-earlier-incident/);
    expect(out).not.toMatch(/withdrawn/);
  });

  it('names a new report first, under what changed, and counts its claims', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const full = takeSnapshot(dataset, incident.id);
    const [dropped] = full.sources;
    const previous = {
      ...full,
      sources: full.sources.filter((s) => s !== dropped),
      claims: Object.fromEntries(
        Object.entries(full.claims).filter(
          ([id]) => dataset.claims.find((c) => c.id === id)?.source !== dropped,
        ),
      ),
    };
    const d = buildDigest({ dataset, incident, previous });
    expect(d.briefing.sections[0]?.heading).toBe(SINCE);
    expect(d.changed).toBe(true);
    const added = dataset.claims.filter((c) => c.source === dropped).length;
    expect(sectionLines(d, SINCE)).toEqual(['New reports: indileak.com', `In all: ${added} claims added.`]);
  });

  it('says so when nothing changed since the last digest', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const d = buildDigest({ dataset, incident, previous: takeSnapshot(dataset, incident.id) });
    expect(d.changed).toBe(false);
    expect(sectionLines(d, SINCE)).toEqual(['Nothing: the dataset is as it was.']);
  });
});

describe('the digest of the developing story, after a digest of the seed reports', () => {
  let story: Dataset;
  beforeAll(async () => {
    story = await loadStory();
  });

  const digestOfStory = () => {
    const incident = defaultIncident(story);
    if (!incident) throw new Error('no incident');
    return buildDigest({ dataset: story, incident, previous: takeSnapshot(dataset, incident.id) });
  };

  it('opens with what changed: new reports, new disagreements, revised figures; then the standing picture', () => {
    const d = digestOfStory();
    // What changed frames the digest; then the disagreements before the agreements, the rest named.
    const headings = d.briefing.sections.map((s) => s.heading);
    expect(headings.slice(0, 2)).toEqual([SINCE, SORTED_UNDER.differ]);
    expect(headings.at(-1)).toBe('Also');
    const since = sectionLines(d, SINCE);
    // Every report the seeds' digest did not have, by its label, in publication order.
    const before = new Set(dataset.sources.map((s) => s.id));
    const added = sourcesInOrder(story)
      .filter((s) => !before.has(s.id))
      .map((s) => labelOf(story, s.id));
    expect(added).toHaveLength(
      readdirSync(path.join(STORY_DIR, 'sources')).filter((f) => f.endsWith('.yaml')).length,
    );
    expect(since[0]).toBe(`New reports: ${added.join(', ')}`);
    expect(since).toContain(
      '⚠️ New disagreements: People injured; All killed (security forces, civilians and attackers); Distance from Dera Ismail Khan city; Militants killed: this incident, the Darazinda operation and the Kulachi operation, together; Where the troops were staying',
    );
    // A revised range, before and now, with the reports that changed it and their dates.
    expect(since).toContain(
      'Revised: Security forces killed (officers, soldiers): 23 to at least 24 → at least 3 to at least 25, Associated Press of Pakistan, 12 Dec 2023; ARY News, 12 Dec 2023 +10',
    );
    expect(since).toContain(
      'Revised: People injured: 34 → more than 12 to at least 34, Al Jazeera, 12 Dec 2023; Dunya News, 12 Dec 2023 +7',
    );
    const newClaims = story.claims.length - dataset.claims.length;
    expect(since.at(-1)).toBe(`In all: ${newClaims} claims added.`);
    // The disagreements, each by its range and the sides most reports hold, the widest first.
    const differ = sectionLines(d, SORTED_UNDER.differ);
    expect(differ[0]).toBe(
      '⚠️ Security forces killed (officers, soldiers): at least 3 to at least 25; 23 (Associated Press of Pakistan, Business Recorder +3) against at least 24 (indileak.com)',
    );
    expect(differ.join('\n')).not.toContain('TJP claimed');
    // What the digest has no room for is named, and one click away.
    expect(sectionLines(d, 'Also').join('\n')).toContain(SORTED_UNDER.perpetrators);
  });

  it('says once that it cannot compare ranges with a digest kept by an older version', () => {
    const incident = defaultIncident(story);
    if (!incident) throw new Error('no incident');
    const { format: _, ...older } = takeSnapshot(dataset, incident.id);
    const oldStanding = Object.fromEntries(
      Object.entries(older.standing ?? {}).map(([k, { verdict, holds }]) => [k, { verdict, holds }]),
    );
    const first = buildDigest({ dataset: story, incident, previous: { ...older, standing: oldStanding } });
    const lines = sectionLines(first, SINCE);
    expect(lines).toContain(OLDER_SNAPSHOT);
    expect(
      lines.filter((l) => l.startsWith('Revised: People injured: now more than 12 to at least 34, ')),
    ).toHaveLength(1);
    // The digest after it compares: its snapshot keeps the ranges.
    const next = buildDigest({ dataset: story, incident, previous: first.snapshot });
    expect(text(next)).not.toContain(OLDER_SNAPSHOT);
  });

  /** The digest of `from` after a digest of `before` (or the first), as posted. */
  const postedDigest = ([from, before]: readonly [Dataset, Dataset | null]) => {
    const incident = defaultIncident(from);
    if (!incident) throw new Error('no incident');
    const previous = before ? takeSnapshot(before, incident.id) : null;
    const d = buildDigest({ dataset: from, incident, previous });
    return { d, messages: posted(d).messages };
  };
  const CASES = [
    ['the seed reports, first digest', () => [dataset, null] as const],
    ['the developing story, first digest', () => [story, null] as const],
    ['the developing story, after the seeds’ digest', () => [story, dataset] as const],
  ] as const;

  it.each(CASES)('is never cut mid-sentence: %s', (_name, which) => {
    const { d, messages } = postedDigest(which());
    const values = messages
      .flatMap((m) => m.embeds ?? [])
      .flatMap((e) => e.fields ?? [])
      .map((f) => f.value);
    // Every line whole in one field: a field holds whole lines only.
    for (const line of [...d.briefing.sections.flatMap((s) => s.lines), ...(d.briefing.sources ?? [])])
      expect(
        values.some((v) => v.split('\n').includes(line)),
        line,
      ).toBe(true);
  });

  it.each(CASES.slice(0, 2))('fits in one message: %s', (_name, which) => {
    expect(postedDigest(which()).messages).toHaveLength(1);
  });

  it.each(CASES.slice(2))('fits in one message: %s', (_name, which) => {
    expect(postedDigest(which()).messages).toHaveLength(1);
  });
});

describe('/digest set', () => {
  const set = (options: Record<string, string>) =>
    digest.handle(
      { subcommand: 'set', options: { channel: '123456789012345678', ...options } },
      { dataset, now: NOW },
    );

  it('passes mode "always" through, so it can override a default of "changed"', () => {
    expect(set({ mode: 'always' }).effect).toEqual({
      kind: 'digest.set',
      channelId: '123456789012345678',
      mode: 'always',
    });
  });

  it('leaves out what was not given, so the server keeps its current schedule', () => {
    expect(set({}).effect).toEqual({ kind: 'digest.set', channelId: '123456789012345678' });
  });

  it('refuses a channel that is not an id, saying what it wants', () => {
    const reply = digest.handle(
      { subcommand: 'set', options: { channel: 'general' } },
      { dataset, now: NOW },
    );
    expect(reply.effect).toBeUndefined();
    expect(briefingToText(reply.briefing)).toMatch(/“general” is not a channel/);
  });
});
