/**
 * The direction of imports, checked by `npm test`: a layer may import the layers below it, never
 * one above, and no module may import itself through others. docs/architecture.md names
 * the layers; this list is the one place that orders them, lowest first.
 */
const LAYERS = [
  { name: 'base', path: '^src/(log|plural|clock)\\.ts$' },
  { name: 'dataset', path: '^src/dataset/' },
  { name: 'compare', path: '^src/compare/' },
  { name: 'search', path: '^src/search/' },
  { name: 'draft', path: '^src/draft/' },
  { name: 'answer', path: '^src/answer/' },
  { name: 'briefing', path: '^src/briefing/' },
  { name: 'render', path: '^src/render/' },
  { name: 'chart', path: '^src/chart/' },
  { name: 'contract', path: '^src/contract/' },
  { name: 'store', path: '^src/store/' },
  { name: 'digest', path: '^src/digest/' },
  { name: 'reload', path: '^src/reload/' },
  { name: 'commands and configuration', path: '^(commands/|src/config\\.ts$)' },
  { name: 'adapters', path: '^src/(console|discord|health)/' },
  { name: 'entry points', path: '^src/(cli/|main\\.ts$|startup\\.ts$|serve\\.ts$|lifecycle\\.ts$)' },
];

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
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench)/' },
  },
};
