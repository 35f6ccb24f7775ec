import { beforeAll, describe, expect, it } from 'vitest';
import { incident } from '../../commands/incident.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { choose, HOSTILE_INPUTS, press, QUOTES_MENU, run, section } from './support.js';

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

  it('shows each side of the target disagreement with its source, the quotes one click away', () => {
    const ran = run(incident, dataset);
    const what = section(ran, 'What');
    expect(what).toContain(
      '⚠️ Sources differ · Target: a police station indileak.com vs a security post countryroque.com',
    );
    const quotes = section(choose(ran, QUOTES_MENU, 'attack.target'), 'Target');
    expect(quotes).toMatch(/^• a police station indileak\.com\n {2}◦ .* — indileak\.com: “/m);
    expect(quotes).toMatch(
      /^• a security post countryroque\.com\n {2}◦ .* — countryroque\.com, officials said: “heavily armed militants attacked a security post/m,
    );
  });

  it('gives headline figures as ranges with source counts and the conflict', () => {
    const figures = section(run(incident, dataset), 'Headline figures');
    // Reports counted as reports: two voices quoted in one report are one report's account.
    expect(figures).toMatch(
      /Security forces killed.*: 23 to at least 24 \(2 reports: indileak\.com and countryroque\.com; ⚠️ conflicting; conservative 23\)/,
    );
    expect(figures).toMatch(/counted as “soldiers” \/ “officers”/);
    expect(figures).toMatch(/🏴 perpetrators claim 20 indileak\.com/);
    expect(figures).toMatch(/People injured.*: 34 \(1 report: indileak\.com; ℹ️ one origin only\)/);
    expect(figures).toMatch(
      /Attackers killed.*: 5 to 6 \(2 reports: indileak\.com and countryroque\.com; ⚠️ conflicting; conservative 5\)/,
    );
  });

  it('says who claimed it, with each source, the quotes one click away', () => {
    const ran = run(incident, dataset);
    const who = section(ran, 'Who claimed it');
    expect(who).toContain('Tehreek-e-Jihad Pakistan (TJP) claimed responsibility');
    expect(who).toContain(
      '✅ Sources agree · Who claimed responsibility: Tehreek-e-Jihad Pakistan (TJP) indileak.com and countryroque.com',
    );
    const quotes = section(
      choose(ran, QUOTES_MENU, 'responsibility.claimed-by'),
      'Who claimed responsibility',
    );
    expect(quotes).toMatch(
      /— indileak\.com: “called Tehreek-e-Jihad Pakistan, or TJP, claimed responsibility/,
    );
    expect(quotes).toMatch(
      /— countryroque\.com: “Tehreek-e-Jihad Pakistan, a relatively unknown militant group/,
    );
  });

  it('lists one line per open disagreement not stated above, each stated once, and is marked as a conflict', () => {
    const ran = run(incident, dataset);
    const open = section(ran, '⚠️ Sources differ: open disagreements').split('\n');
    expect(open.every((line) => line.startsWith('⚠️'))).toBe(true);
    const line = (start: string) => open.find((l) => l.startsWith(start)) ?? '';
    expect(line('⚠️ Security forces killed')).toContain('23 countryroque.com');
    expect(line('⚠️ Security forces killed')).toContain('at least 24 indileak.com');
    expect(line('⚠️ Attackers killed')).toContain('5 indileak.com');
    expect(line('⚠️ Attackers killed')).toContain('6 (ISPR statement, via countryroque.com)');
    // The target's sides are stated under "What": not again here.
    expect(line('⚠️ Target')).toBe('');
    expect(
      ran.text.match(/a police station indileak\.com vs a security post countryroque\.com/g),
    ).toHaveLength(1);
    expect(ran.embeds[0]?.color).toBe(0xc0392b);
    expect(ran.embeds[0]?.description).toMatch(/differ on \d+ points/);
  });

  it('cites the sources it uses by label ("outlet unknown" said), with links, and offers them all', () => {
    const ran = run(incident, dataset);
    const sources = section(ran, 'Sources').split('\n');
    expect(sources).toEqual([
      'indileak.com, 12 Dec 2023: <https://indileak.com/24-killed-in-suicide-attack-at-police-station-in-pakistan/>',
      'countryroque.com (outlet unknown), undated: <https://countryroque.com/at-least-23-soldiers-killed-in-attack-in-pakistan/>',
    ]);
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
