/**
 * The direction of imports, checked by `npm test`: a layer may import the layers below it, never
 * one above, and no module may import itself through others. docs/architecture.md names
 * the layers; this list is the one place that orders them, lowest first.
 */
/** The bot's ways to the outside world, side by side: what two of them share belongs a layer below. */
const ADAPTERS = ['console', 'discord', 'preview'];

const LAYERS = [
  { name: 'base', path: '^src/(log|plural|clock).ts$' },
  // How a platform sees the process and how it ends: they know only the log.
  { name: 'process', path: '^src/(health/|lifecycle.ts$)' },
  { name: 'dataset', path: '^src/dataset/' },
  { name: 'compare', path: '^src/compare/' },
  { name: 'search', path: '^src/search/' },
  { name: 'draft', path: '^src/draft/' },
  { name: 'answer', path: '^src/answer/' },
  { name: 'briefing', path: '^src/briefing/' },
  { name: 'render', path: '^src/render/' },
  { name: 'chart', path: '^src/chart/' },
  // A dataset loaded and its pictures drawn on a worker: it needs the chart, nothing of the contract.
  { name: 'reload', path: '^src/reload/' },
  { name: 'contract', path: '^src/contract/' },
  { name: 'store', path: '^src/store/' },
  { name: 'digest', path: '^src/digest/' },
  { name: 'commands and configuration', path: '^(commands/|src/config\\.ts$)' },
  { name: 'adapters', path: `^src/(${ADAPTERS.join('|')})/` },
  { name: 'entry points', path: '^src/(cli/|main\\.ts$|startup\\.ts$|serve\\.ts$)' },
];

const adaptersApart = ADAPTERS.map((adapter) => ({
  name: `${adapter}-imports-another-adapter`,
  comment: `The ${adapter} adapter stands beside the others: it must not import one`,
  severity: 'error',
  from: { path: `^src/${adapter}/` },
  to: { path: `^src/(${ADAPTERS.filter((other) => other !== adapter).join('|')})/` },
}));

const upward = LAYERS.flatMap((layer, i) =>
  LAYERS.slice(i + 1).map((higher) => ({
    name: `${layer.name}-imports-${higher.name}`.replace(/\s+/g, '-'),
    comment: `${layer.name} is below ${higher.name}: it must not import it`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: higher.path },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other, directly or through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-in-a-layer',
      comment: 'Every module of src/ and commands/ belongs to a layer of the list above',
      severity: 'error',
      from: { path: '^(src|commands)/', pathNot: LAYERS.map((l) => l.path) },
      to: {},
    },
    {
      name: 'emulator-stands-alone',
      comment: "The Discord emulator is a tool beside the bot: it speaks only Discord's protocol to it",
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^(src|commands)/' },
    },
    {
      name: 'bot-knows-no-emulator',
      comment: 'The bot reaches the emulator only over the network, as it reaches Discord',
      severity: 'error',
      from: { path: '^(src|commands)/' },
      to: { path: '^emulator/' },
    },
    {
      name: 'discord-js-in-the-discord-adapter',
      comment:
        'Only src/discord/ knows discord.js and its packages: the core and the console start without them. ' +
        "Discord's own types (discord-api-types) are plain data and free to use.",
      severity: 'error',
      from: { pathNot: '^src/discord/' },
      to: { path: '(^|/)node_modules/(discord\\.js|@discordjs/)' },
    },
    ...adaptersApart,
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench)/' },
  },
};
