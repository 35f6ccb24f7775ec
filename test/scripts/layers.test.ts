/**
 * The import rules of `npm run check` (.dependency-cruiser.cjs) catch what they are there for:
 * one adapter importing another, discord.js outside the Discord adapter, a layer importing one
 * above it. Each is tried on a small tree of its own, cruised with the project's own rules.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const PROJECT = path.resolve(import.meta.dirname, '../..');
const CRUISER = path.join(PROJECT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

let tree: string | undefined;
afterEach(async () => {
  if (tree) await rm(tree, { recursive: true, force: true });
  tree = undefined;
});

/** The rules broken by a tree of these files (path: source), by name, one per violation. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  tree = await mkdtemp(path.join(tmpdir(), 'briefing-layers-'));
  await symlink(path.join(PROJECT, 'node_modules'), path.join(tree, 'node_modules'));
  await writeFile(
    path.join(tree, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext' } }),
  );
  for (const [file, source] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(tree, file)), { recursive: true });
    await writeFile(path.join(tree, file), source);
  }
  const cruised = spawnSync(
    process.execPath,
    [CRUISER, 'src', '--config', path.join(PROJECT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd: tree, encoding: 'utf8' },
  );
  const { summary } = JSON.parse(cruised.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return summary.violations.map((v) => v.rule.name).sort();
}

const exporting = 'export const x = 1;\n';

describe('the import rules', () => {
  it('keep one adapter from importing another', async () => {
    expect(
      await brokenRules({
        'src/console/console.ts': "import { x } from '../discord/bot.js';\nexport const y = x;\n",
        'src/discord/bot.ts': exporting,
      }),
    ).toEqual(['console-imports-another-adapter']);
  });

  it('keep discord.js and its packages inside the Discord adapter, even in definitions', async () => {
    const discordJs =
      "import { Client } from 'discord.js';\nimport { time } from '@discordjs/formatters';\nexport const y = [Client, time];\n";
    const builders =
      "import { SlashCommandBuilder } from '@discordjs/builders';\nexport const y = SlashCommandBuilder;\n";
    expect(
      await brokenRules({
        'src/discord/bot.ts': discordJs,
        'src/contract/define.ts': builders,
        'src/console/console.ts': discordJs,
        'src/render/render.ts': builders,
      }),
    ).toEqual([
      // discord.js and the formatters in the console, the builders in a definition and a renderer
      'discord-js-in-the-discord-adapter',
      'discord-js-in-the-discord-adapter',
      'discord-js-in-the-discord-adapter',
      'discord-js-in-the-discord-adapter',
    ]);
  });

  it('keep a layer from importing one above it, and let it import one below', async () => {
    expect(
      await brokenRules({
        'src/reload/live.ts':
          "import { x } from '../contract/calls.js';\nimport { z } from '../chart/draw.js';\nexport const y = [x, z];\n",
        'src/contract/calls.ts': exporting,
        'src/chart/draw.ts': "import { x } from '../health/server.js';\nexport const z = x;\n",
        'src/health/server.ts': exporting,
      }),
    ).toEqual(['reload-imports-contract']);
  });
});
