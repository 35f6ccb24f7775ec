/** /casualties on figures that say what they include. */
import { describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { loadEditedDataset, SOURCE_000 } from '../helpers/dataset-fixture.js';
import { choose, QUOTES_MENU, run, section, wholeReply } from './support.js';

describe('/casualties', () => {
  it('shows what a total includes, what is left for the rest, and checks the parts against that', async () => {
    // As if the report had said "24 killed, including one attacker".
    const dataset = await loadEditedDataset(async (copy) => {
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.killed',
        'measure: killed.security_forces\n    figure: {value: 24, qualifier: at_least, counted: officers}',
        'measure: killed\n    figure: {value: 24, qualifier: exact, counted: people, includes: [{measure: attackers.killed, value: 1}]}',
      );
    });
    const ran = run(casualties, dataset);
    // At a glance: the total with what it includes; its parts fit, so no warning.
    expect(section(ran, 'All killed').split('\n')).toEqual([
      'ℹ️ one origin',
      '24 indileak.com (including attackers killed: 1; the rest: 23)',
    ]);
    // One click away: its quote, and the parts checked against what is left for them.
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'killed')), 'All killed');
    expect(quotes).toMatch(
      /^• 24 indileak\.com \(including attackers killed: 1; the rest: 23\)\n {2}◦ — indileak\.com: “killing at least 24 officers”$/m,
    );
    expect(quotes).toMatch(
      /^✅ Its parts fit within it: security forces killed \(officers, soldiers\) 23 countryroque\.com, at least 23 countryroque\.com/m,
    );
  });
});
