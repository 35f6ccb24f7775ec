import { ApplicationCommandType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { helpBriefing } from '../../commands/help.js';
import { commands, help } from '../../commands/index.js';
import { escapeText } from '../../src/briefing/markdown.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { briefingToText } from '../../src/render/text.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { run, section } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

describe('/help', () => {
  it('describes every command in the index, with its options, and itself', () => {
    const ran = run(help, dataset);
    const headings = ran.fields.map((f) => f.name);
    for (const command of commands) {
      const def = command.definition;
      if (def.type === ApplicationCommandType.Message) {
        expect(headings).toContain(`“${def.name}” (message menu)`);
        continue;
      }
      const text = section(ran, `/${def.name}`);
      if ('description' in def && def.description) expect(text).toContain(def.description);
      for (const option of 'options' in def ? (def.options ?? []) : []) {
        if (option.name !== 'private') expect(text).toContain(option.name);
      }
    }
    expect(headings).toContain('/help');
  });

  it('describes the "Look up in briefing" message menu and how to use it', () => {
    const lookup = section(run(help, dataset), '“Look up in briefing”');
    expect(lookup).toContain('/ask');
    expect(lookup).toContain('Apps → Look up in briefing');
  });

  it('explains how replies cite sources and mark disagreement and perpetrator claims', () => {
    const how = section(run(help, dataset), 'How to read a reply');
    expect(how).toContain('Reports are named by label');
    expect(how).toContain('⚠️ Sources differ');
    expect(how).toContain('🏴');
    expect(how).toContain('private: True');
    expect(run(help, dataset).embeds[0]?.description).toContain(`${dataset.claims.length} claims`);
  });

  it('is built from the list it is given, so new commands appear without editing it', () => {
    const text = briefingToText(helpBriefing([casualties]));
    expect(text).toContain('-- /casualties --');
    expect(text).toContain(escapeText('Killed, injured and attackers'));
    expect(text).not.toContain('/incident');
  });
});
