import { beforeAll, describe, expect, it } from 'vitest';
import { incident } from '../../commands/incident.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { choose, HOSTILE_INPUTS, press, QUOTES_MENU, run, section, wholeReply } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

describe('/incident', () => {
  it('says what happened, when (with Discord timestamps) and where', () => {
    const ran = run(incident, dataset);
    const when = section(ran, 'When');
    expect(when).toContain('12 December 2023');
    expect(when).toContain('pre-dawn');
    // Midday of 12 December 2023 in Asia/Karachi (UTC+5) is 07:00 UTC. Only the relative style:
    // a full-date timestamp shows in each reader's zone and would read 11 December west of UTC-7.
    expect(when).toContain('<t:1702364400:R>');
    expect(when).not.toContain(':D>');
    const where = section(ran, 'Where');
    expect(where).toContain('Daraban, Dera Ismail Khan, Khyber Pakhtunkhwa, Pakistan');
    expect(section(ran, 'What')).toContain('vehicle-borne suicide bombing');
  });

  it('opens with the bottom line: the figure most reports give, the main disagreement, what none gives', () => {
    const ran = run(incident, dataset);
    expect(ran.embeds[0]?.description).toBe(
      'Security forces killed (officers, soldiers): 23 (countryroque.com) or at least 23 (countryroque.com) or at least 24 (indileak.com), one report each. They differ on 4 figures and points, above all on this one: 23 (countryroque.com) against at least 24 (indileak.com). No report gives a figure for all killed (security forces, civilians and attackers), militants killed or attackers taking part.',
    );
    expect(ran.embeds[0]?.color).toBe(0xc0392b);
  });

  it('gives headline figures as ranges with source counts and the conflict, disagreements first', () => {
    const figures = section(run(incident, dataset), 'Headline figures');
    // Reports counted as reports: two voices quoted in one report are one report's account.
    expect(figures).toMatch(
      /Security forces killed.*: 23 to at least 24 \(2 reports: indileak\.com and countryroque\.com; ⚠️ conflicting; conservative 23\)/,
    );
    expect(figures).toMatch(/counted as “soldiers” \/ “officers”/);
    expect(figures).toMatch(/🏴 perpetrators claim 20 indileak\.com/);
    expect(figures).toMatch(
      /Attackers killed.*: 5 to 6 \(2 reports: indileak\.com and countryroque\.com; ⚠️ conflicting; conservative 5\)/,
    );
    // The figure one report alone gives waits behind the disagreements, one click away.
    expect(figures).not.toMatch(/People injured/);
    expect(figures.split('\n').at(-1)).toMatch(/^\+\d+ more$/);
  });

  it('offers the quotes behind every line it leaves out, and says where they are', () => {
    const ran = run(incident, dataset);
    expect(section(ran, 'Also')).toContain('The quotes behind…, below');
    const target = section(wholeReply(choose(ran, QUOTES_MENU, 'attack.target')), 'Target');
    expect(target).toMatch(/^• a police station indileak\.com\n {2}◦ .* — indileak\.com: “/m);
    expect(target).toMatch(
      /^• a security post countryroque\.com\n {2}◦ .* — countryroque\.com, officials said: “heavily armed militants attacked a security post/m,
    );
    const who = section(
      wholeReply(choose(ran, QUOTES_MENU, 'responsibility.claimed-by')),
      'Who claimed responsibility',
    );
    expect(who).toMatch(/— indileak\.com: “called Tehreek-e-Jihad Pakistan, or TJP, claimed responsibility/);
    expect(section(run(incident, dataset), 'Who claimed it')).toContain(
      'Tehreek-e-Jihad Pakistan (TJP) claimed responsibility',
    );
  });

  it('names the sources it cites behind All sources, with links', () => {
    const ran = run(incident, dataset);
    expect(section(ran, 'Also')).toContain('2 reports cited: All sources');
    const all = press(ran, 'All sources');
    expect(all.embeds[0]?.title).toBe('Sources');
    expect(all.fields.map((f) => f.name)).toEqual(['indileak.com', 'countryroque.com (outlet unknown)']);
  });

  it('answers privately when asked', () => {
    const ran = run(incident, dataset, { private: true });
    expect(ran.reply.private).toBe(true);
    expect(ran.rendered.messages.every((m) => m.flags === 64)).toBe(true);
  });

  it('accepts the incident by id or title and refuses an unknown one helpfully', () => {
    expect(run(incident, dataset, { incident: 'daraban-2023-12-12' }).text).toContain('Headline figures');
    const unknown = run(incident, dataset, { incident: 'Karachi 1999' });
    expect(unknown.text).toContain('Unknown incident');
    expect(unknown.text).toContain('daraban-2023-12-12');
  });

  it('never throws on hostile input', () => {
    for (const typed of HOSTILE_INPUTS) run(incident, dataset, { incident: typed });
  });

  it('suggests the incident nearest a misspelt name', () => {
    const [first] = dataset.incidents;
    const typed = `${first?.id.slice(0, 2)}${first?.id.slice(3)}`;
    expect(run(incident, dataset, { incident: typed }).embeds[0]?.description).toContain(
      `Did you mean “${first?.title}”?`,
    );
  });

  it('autocompletes incidents, at most 25', () => {
    const choices = incident.autocomplete?.(
      { name: 'incident', value: 'dara' },
      { options: {} },
      { dataset, now: new Date() },
    );
    expect(choices?.map((c) => c.value)).toEqual(['daraban-2023-12-12']);
    const none = incident.autocomplete?.(
      { name: 'incident', value: 'zzz' },
      { options: {} },
      { dataset, now: new Date() },
    );
    expect(none).toEqual([]);
  });
});

describe('dates', () => {
  it('does not move a date when the host runs in another time zone', async () => {
    const { spawnSync } = await import('node:child_process');
    const script =
      "import { formatPartialDate } from './src/briefing/dates.ts'; console.log(formatPartialDate('2023-12-12'))";
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, TZ: zone },
      });
      expect(out.stdout.trim()).toBe('12 December 2023');
    }
  });
});
