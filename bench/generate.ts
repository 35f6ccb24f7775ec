/**
 * A large, deterministic dataset for the benchmark: the same seed and sizes always write the same
 * files, byte for byte. It goes through the production loader (`loadDataset`) like `data/` does:
 * every claim's quote is a verbatim excerpt of its source's text, checked as in production (the
 * texts use curly quotes and hard line breaks, the quotes straight quotes and single spaces, so the
 * normalisation runs too).
 *
 *   tsx bench/generate.ts --claims 100000 --out /tmp/big [--seed 1] [--format json|yaml]
 *
 * Shape (defaults): 1,000 incidents, 100 sources, N claims spread evenly over the incidents, each
 * incident reported by 2 to 6 sources. Claims cover every kind the commands read: figures of every
 * measure with every qualifier (sources that agree and sources that conflict), points with
 * positions (agree / differ), perpetrators' claims, unverified and official figures, analysts'
 * views, reactions by named people, responsibility, group profiles and relations between groups,
 * locations, times, sequences, and context about dated related events. Context: 40 groups, about
 * 150 people, 3 countries, 12 provinces, 60 districts, 240 towns, 2 borders, 2,000 events, 9 measures.
 *
 * JSON is written by default: the loader accepts it (same schema, same checks) and parses it far
 * faster than YAML; `--format yaml` writes the same data as YAML.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

export interface GenerateOptions {
  /** Directory to write into (created; emptied first). */
  dir: string;
  claims: number;
  incidents?: number;
  sources?: number;
  seed?: number;
  format?: 'json' | 'yaml';
}

export interface GenerateResult {
  dir: string;
  format: 'json' | 'yaml';
  incidents: number;
  sources: number;
  claims: number;
  groups: number;
  people: number;
  places: number;
  events: number;
  /** Bytes written: data files and texts. */
  dataBytes: number;
  textBytes: number;
  /** Ids a benchmark can ask about. */
  sample: { incident: string; group: string; groupName: string; person: string; event: string };
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** k distinct items, in a random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, k);
  }
}

// ---- Names ------------------------------------------------------------------------------------

const SYLLABLES = [
  'ka',
  'ra',
  'zan',
  'dar',
  'mir',
  'bal',
  'sha',
  'kot',
  'pur',
  'nag',
  'tal',
  'gul',
  'har',
  'qas',
  'bad',
  'lak',
  'sor',
  'tan',
  'wal',
  'jam',
  'rud',
  'hes',
  'khor',
  'zab',
  'nur',
  'bar',
  'chak',
  'dam',
];

function placeName(r: Random, suffixes: readonly string[]): string {
  const word = `${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}${r.pick(suffixes)}`;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const FIRST_NAMES = [
  'Asad',
  'Bilal',
  'Farid',
  'Hamid',
  'Imran',
  'Javed',
  'Kamran',
  'Latif',
  'Majid',
  'Nadeem',
  'Omar',
  'Qasim',
  'Rashid',
  'Saeed',
  'Tariq',
  'Usman',
  'Waqar',
  'Yasir',
  'Zahid',
  'Ayesha',
  'Fatima',
  'Sana',
];
const LAST_NAMES = [
  'Afridi',
  'Baloch',
  'Chaudhry',
  'Durrani',
  'Gilani',
  'Hashmi',
  'Jatoi',
  'Khattak',
  'Lodhi',
  'Marwat',
  'Niazi',
  'Orakzai',
  'Qureshi',
  'Rind',
  'Shinwari',
  'Tareen',
  'Wazir',
  'Yousafzai',
  'Zardari',
  'Mengal',
];
const GROUP_PREFIXES = ['Tehreek-e', 'Lashkar-e', 'Jaish-e', 'Harkat-ul', 'Jamaat-ul', 'Ansar-ul', 'Hizb-ul'];
const GROUP_ROOTS = [
  'Jihad',
  'Nusrat',
  'Fateh',
  'Mujahideen',
  'Islam',
  'Ahrar',
  'Khorasan',
  'Furqan',
  'Tawheed',
  'Qital',
];
const GROUP_REGIONS = ['Pakistan', 'Khorasan', 'Hind', 'Sindh', 'Frontier', 'Balochistan'];
const OUTLETS = [
  'Frontier Post Daily',
  'Northern Herald',
  'Valley Times',
  'The Daily Dispatch',
  'Border Wire',
  'Capital Tribune',
  'Regional Observer',
  'The Morning Ledger',
  'Provincial News Service',
  'Asia Desk',
];
const INSTITUTES = ['USIP', 'the Institute for Conflict Studies', 'the Centre for Security Research'];

// ---- Incident vocabulary ------------------------------------------------------------------------

const TARGETS = [
  { id: 'police-station', text: 'a police station' },
  { id: 'army-checkpoint', text: 'an army checkpoint' },
  { id: 'security-post', text: 'a security post' },
  { id: 'market', text: 'a crowded market' },
  { id: 'convoy', text: 'a military convoy' },
  { id: 'mosque', text: 'a mosque' },
  { id: 'court-building', text: 'a court building' },
];
const METHODS = [
  {
    id: 'vehicle-borne-bomb',
    text: 'rammed an explosive-laden vehicle into',
    attack: 'vehicle-borne suicide bombing',
  },
  { id: 'suicide-bomber', text: 'sent a suicide bomber into', attack: 'suicide bombing' },
  { id: 'gun-attack', text: 'opened fire on', attack: 'armed assault' },
  { id: 'roadside-bomb', text: 'detonated a roadside bomb near', attack: 'improvised explosive device' },
  { id: 'rocket-attack', text: 'fired rockets at', attack: 'rocket attack' },
];
const TIMES = [
  { id: 'pre-dawn', text: 'before dawn' },
  { id: 'early-morning', text: 'early in the morning' },
  { id: 'midday', text: 'around midday' },
  { id: 'evening', text: 'in the evening' },
  { id: 'night', text: 'late at night' },
];
const SEQUENCES = [
  { id: 'gun-battle-followed', text: 'a gun battle followed that lasted several hours' },
  { id: 'building-collapsed', text: 'part of the building collapsed after the blast' },
  { id: 'attackers-stormed', text: 'other attackers then stormed the compound' },
];
const CHARACTERISATIONS = [
  { id: 'splinter-group', text: 'a splinter group' },
  { id: 'front-organisation', text: 'a front organisation' },
  { id: 'relatively-unknown', text: 'a relatively unknown militant group' },
  { id: 'cover-for-others', text: 'a cover used by other groups' },
];
const CHANNELS = [
  'in a message on Telegram',
  'in a statement to reporters',
  'in an audio message',
  'on its website',
  'in a call to a news agency',
];
const MOTIVES = [
  'the attack may have been retaliation for recent military operations in the area',
  'the timing suggested the group wanted to show it could still strike the security forces',
  'the attack was meant to disrupt talks between the two governments',
];

interface Measure {
  id: string;
  label: string;
  part_of?: string;
  unit?: string;
  topic: 'casualties' | 'attackers';
  /** How the reports word it: "killing at least 24 {counted}". */
  verb: string;
  counted: readonly string[];
}

const MEASURES: readonly Measure[] = [
  { id: 'killed', label: 'People killed', topic: 'casualties', verb: 'killed', counted: ['people'] },
  {
    id: 'killed.security_forces',
    label: 'Security forces killed (officers, soldiers)',
    part_of: 'killed',
    topic: 'casualties',
    verb: 'killed',
    counted: ['officers', 'soldiers', 'policemen', 'security personnel'],
  },
  {
    id: 'killed.civilians',
    label: 'Civilians killed',
    part_of: 'killed',
    topic: 'casualties',
    verb: 'killed',
    counted: ['civilians', 'bystanders'],
  },
  {
    id: 'injured',
    label: 'People injured',
    topic: 'casualties',
    verb: 'wounded',
    counted: ['people', 'others'],
  },
  {
    id: 'injured.critical',
    label: 'People critically injured',
    part_of: 'injured',
    topic: 'casualties',
    verb: 'critically wounded',
    counted: ['people', 'of the wounded'],
  },
  {
    id: 'attackers.killed',
    label: 'Attackers killed',
    topic: 'attackers',
    verb: 'killed',
    counted: ['attackers', 'militants'],
  },
  {
    id: 'attackers.suicide_bombers',
    label: 'Suicide bombers among the attackers killed',
    part_of: 'attackers.killed',
    topic: 'attackers',
    verb: 'were suicide bombers among',
    counted: ['attackers'],
  },
  {
    id: 'killed.militants',
    label: 'Militants killed',
    part_of: 'killed',
    topic: 'casualties',
    verb: 'killed',
    counted: ['militants'],
  },
];

const QUALIFIERS = ['exact', 'at_least', 'more_than', 'about', 'up_to'] as const;
type Qualifier = (typeof QUALIFIERS)[number];
const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  at_least: 'at least ',
  more_than: 'more than ',
  about: 'about ',
  up_to: 'up to ',
};

// ---- Records as written to files ----------------------------------------------------------------

type Speaker = 'report' | { name: string; verb: string; role?: string; incomplete?: boolean; note?: string };

interface ClaimOut {
  id: string;
  topic: string;
  measure?: string;
  figure?: { value: number; qualifier: Qualifier; counted: string; range?: [number, number] };
  statement: string;
  point?: string;
  position?: string;
  speaker: Speaker;
  status: string;
  quote: string;
  about?: string[];
  relation?: { type: string; subject: string; object: string };
  incident?: string;
  date?: string;
}

interface GroupOut {
  id: string;
  name: string;
  short: string;
  aliases: string[];
  kind: string;
  description: string;
  parent?: string;
}
interface PersonOut {
  id: string;
  name: string;
  aliases: string[];
  role: string;
  group?: string;
}
interface PlaceOut {
  id: string;
  name: string;
  kind: string;
  within?: string;
  aliases: string[];
  coordinates?: { lat: number; lon: number };
}
interface EventOut {
  id: string;
  title: string;
  date: string;
  date_note?: string;
  place?: string;
  kind: string;
}
interface IncidentOut {
  id: string;
  title: string;
  date: string;
  time_of_day: string;
  timezone: string;
  place: {
    country: string;
    province: string;
    district: string;
    town: string;
    coordinates: { lat: number; lon: number };
    precision: string;
    place_ids: string[];
  };
  attack_type: string;
  target: string;
  weapons: string[];
  responsible_group: string | null;
  summary: string;
}

/** One report being written: its claims and the sentences of its text. */
interface SourceDraft {
  index: number;
  id: string;
  slug: string;
  outlet: string | null;
  headline: string;
  url: string | null;
  published: string;
  dateline: string;
  incident: string | undefined;
  claims: ClaimOut[];
  paragraphs: string[];
  current: string[];
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function isoDate(day: number): string {
  return new Date(Date.UTC(2014, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** The text's typography: curly quotes in the report, where a curator types straight ones. */
function typeset(sentence: string): string {
  return sentence.replace(/'/g, '\u2019').replace(/"([^"]*)"/g, '\u201C$1\u201D');
}

/** Hard line breaks at about 78 columns, as in a pasted wire report. */
function wrap(paragraph: string, width = 78): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const incidentCount = options.incidents ?? 1000;
  const sourceCount = options.sources ?? 100;
  const format = options.format ?? 'json';
  const r = new Random(options.seed ?? 1);
  const dir = options.dir;

  // ---- Context -----------------------------------------------------------------------------------
  const usedNames = new Set<string>();
  const uniqueName = (make: () => string): string => {
    for (let attempt = 0; ; attempt++) {
      const name = make();
      const key = name.toLowerCase();
      if (!usedNames.has(key)) {
        usedNames.add(key);
        return name;
      }
      if (attempt > 1000) throw new Error('generator: ran out of names');
    }
  };

  const places: PlaceOut[] = [];
  const countries = ['Karvan', 'Dashtan', 'Mirzal'].map((name) => {
    usedNames.add(name.toLowerCase());
    const place: PlaceOut = { id: slugify(name), name, kind: 'country', aliases: [] };
    places.push(place);
    return place;
  });
  const borders = [
    {
      id: 'karvan-dashtan-border',
      name: 'the Karvan-Dashtan border',
      kind: 'border',
      aliases: ['the frontier'],
    },
    { id: 'karvan-mirzal-border', name: 'the Karvan-Mirzal border', kind: 'border', aliases: [] },
  ];
  places.push(...borders);
  const provinces: PlaceOut[] = [];
  for (let i = 0; i < 12; i++) {
    const name = uniqueName(() => placeName(r, ['istan', 'khwa', 'abad', 'ra']));
    const country = countries[i % 2 === 0 ? 0 : i % 3 === 0 ? 2 : 1] as PlaceOut;
    const place: PlaceOut = { id: slugify(name), name, kind: 'province', within: country.id, aliases: [] };
    provinces.push(place);
    places.push(place);
  }
  const districts: PlaceOut[] = [];
  for (let i = 0; i < 60; i++) {
    const name = uniqueName(() => `${placeName(r, ['pur', 'kot', 'garh', 'wala', 'zai'])}`);
    const province = provinces[i % provinces.length] as PlaceOut;
    const place: PlaceOut = {
      id: slugify(name),
      name,
      kind: 'district',
      within: province.id,
      aliases: r.chance(0.3) ? [`${name} district`] : [],
    };
    districts.push(place);
    places.push(place);
  }
  const towns: PlaceOut[] = [];
  for (let i = 0; i < 240; i++) {
    const name = uniqueName(() => placeName(r, ['ban', 'dara', 'kili', 'nagar', 'pura', 'ghar']));
    const district = districts[i % districts.length] as PlaceOut;
    const place: PlaceOut = {
      id: slugify(name),
      name,
      kind: 'town',
      within: district.id,
      aliases: [],
      coordinates: {
        lat: Math.round((28 + r.float() * 8) * 1e4) / 1e4,
        lon: Math.round((64 + r.float() * 8) * 1e4) / 1e4,
      },
    };
    towns.push(place);
    places.push(place);
  }
  const provinceOf = (district: PlaceOut) => provinces.find((p) => p.id === district.within) as PlaceOut;
  const countryOf = (province: PlaceOut) => countries.find((c) => c.id === province.within) as PlaceOut;
  const districtOf = (town: PlaceOut) => districts.find((d) => d.id === town.within) as PlaceOut;

  const groups: GroupOut[] = [];
  for (let i = 0; i < 40; i++) {
    const name = uniqueName(
      () => `${r.pick(GROUP_PREFIXES)}-${r.pick(GROUP_ROOTS)} ${r.pick(GROUP_REGIONS)}`,
    );
    const words = name.split(/[\s-]+/);
    let short = words.map((w) => w.charAt(0).toUpperCase()).join('');
    while (groups.some((g) => g.short === short)) short = `${short}${i}`;
    // A transliteration variant, as reports spell names differently ("Tehrik-e-Jehad").
    const variant = name.replace(/ee/g, 'i').replace(/Jihad/g, 'Jehad').replace(/ul/g, 'al');
    const aliases = [short, `${short.split('').join('.')}.`];
    if (variant !== name) aliases.push(variant);
    const parent = i >= 8 ? (groups[i % 8] as GroupOut) : undefined;
    groups.push({
      id: slugify(short.length >= 2 ? `${short}-${i}` : name),
      name,
      short,
      aliases,
      kind: i < 8 ? 'militant group' : 'militant faction',
      description: parent
        ? `A militant faction that reports describe as close to ${parent.name}.`
        : `A militant group active in ${provinces[i % provinces.length]?.name ?? 'the region'}.`,
      ...(parent ? { parent: parent.id } : {}),
    });
  }

  const people: PersonOut[] = [];
  const personName = () => uniqueName(() => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`);
  const spokesmen = new Map<string, PersonOut>();
  for (const group of groups) {
    const name = personName();
    const person: PersonOut = {
      id: slugify(`${name}-${group.short}`),
      name,
      aliases: r.chance(0.4) ? [`Mullah ${name.split(' ')[0]}`] : [],
      role: `spokesman of ${group.short}`,
      group: group.id,
    };
    spokesmen.set(group.id, person);
    people.push(person);
  }
  const officials = new Map<string, PersonOut[]>();
  for (const province of provinces) {
    const list: PersonOut[] = [];
    for (const role of ['interior minister', 'police chief', 'government spokesman']) {
      const name = personName();
      const person: PersonOut = { id: slugify(name), name, aliases: [], role: `${role} of ${province.name}` };
      list.push(person);
      people.push(person);
    }
    officials.set(province.id, list);
  }
  const analysts: PersonOut[] = [];
  for (let i = 0; i < 60; i++) {
    const name = personName();
    const person: PersonOut = {
      id: slugify(name),
      name,
      aliases: [],
      role: `analyst at ${INSTITUTES[i % INSTITUTES.length]}`,
    };
    analysts.push(person);
    people.push(person);
  }

  const events: EventOut[] = [];
  const eventKinds = ['attack', 'operation', 'policy', 'political', 'other'] as const;
  for (let i = 0; i < 2000; i++) {
    const district = districts[i % districts.length] as PlaceOut;
    const kind = eventKinds[i % eventKinds.length] as string;
    const day = r.int(0, 4000);
    const precision = r.float();
    const date = isoDate(day);
    const title =
      kind === 'attack'
        ? `Bombing of a ${r.pick(['police convoy', 'checkpoint', 'market', 'bus'])} in ${district.name}`
        : kind === 'operation'
          ? `Military operation against militant hide-outs in ${district.name}`
          : kind === 'policy'
            ? `Curfew ordered across ${district.name} district`
            : kind === 'political'
              ? `Talks between officials of Karvan and Dashtan on ${district.name}`
              : `Protest over security in ${district.name}`;
    events.push({
      id: `ev-${String(i).padStart(4, '0')}-${slugify(district.name)}`,
      title,
      date: precision < 0.6 ? date : precision < 0.9 ? date.slice(0, 7) : date.slice(0, 4),
      ...(precision >= 0.6 ? { date_note: 'the reports give no exact day' } : {}),
      place: district.id,
      kind,
    });
  }
  const eventsByDistrict = new Map<string, EventOut[]>();
  for (const e of events) {
    const list = eventsByDistrict.get(e.place ?? '');
    if (list) list.push(e);
    else eventsByDistrict.set(e.place ?? '', [e]);
  }

  const measures = MEASURES.map(({ id, label, part_of, unit }) => ({
    id,
    label,
    ...(part_of ? { part_of } : {}),
    ...(unit ? { unit } : {}),
  }));
  measures.push({ id: 'bounty', label: "Bounty on a person's head", unit: 'US dollars' });

  // ---- Sources -----------------------------------------------------------------------------------
  const sources: SourceDraft[] = [];
  for (let i = 0; i < sourceCount; i++) {
    const outlet = r.chance(0.1) ? null : (OUTLETS[i % OUTLETS.length] as string);
    const slug = `s${String(i).padStart(3, '0')}`;
    sources.push({
      index: i,
      id: `${slug}-${slugify(outlet ?? 'unknown-outlet')}`,
      slug,
      outlet,
      headline: `Security round-up no. ${i + 1}: attacks across the region`,
      url: r.chance(0.15) ? null : `https://news${i}.example.org/roundup/${i + 1}`,
      published: isoDate(4018 + (i % 12)),
      dateline: r.pick(provinces).name,
      incident: undefined,
      claims: [],
      paragraphs: [],
      current: [],
    });
  }

  // ---- Incidents and their claims ------------------------------------------------------------------
  const incidents: IncidentOut[] = [];
  const perIncident = Math.floor(options.claims / incidentCount);
  let extra = options.claims - perIncident * incidentCount;
  const days = r.sample(
    Array.from({ length: 4000 }, (_, d) => d),
    incidentCount,
  );

  for (let n = 0; n < incidentCount; n++) {
    const town = towns[(n * 7) % towns.length] as PlaceOut;
    const district = districtOf(town);
    const province = provinceOf(district);
    const country = countryOf(province);
    const target = r.pick(TARGETS);
    const method = r.pick(METHODS);
    const when = r.pick(TIMES);
    const group = r.chance(0.85) ? (groups[r.int(0, groups.length - 1)] as GroupOut) : undefined;
    const date = isoDate(days[n] ?? n);
    const id = `i${String(n).padStart(4, '0')}-${slugify(town.name)}-${date}`;
    const truth = {
      'killed.security_forces': r.int(2, 40),
      'killed.civilians': r.int(0, 30),
      injured: r.int(3, 80),
      'attackers.killed': r.int(1, 8),
      'killed.militants': r.int(1, 25),
    } as Record<string, number>;
    truth.killed = (truth['killed.security_forces'] ?? 0) + (truth['killed.civilians'] ?? 0);
    truth['injured.critical'] = Math.max(1, Math.floor((truth.injured ?? 4) / 5));
    truth['attackers.suicide_bombers'] = Math.min(truth['attackers.killed'] ?? 1, r.int(1, 3));

    const incident: IncidentOut = {
      id,
      title: `Attack on ${target.text} in ${town.name}, ${district.name}`,
      date,
      time_of_day: when.text,
      timezone: country.id === 'dashtan' ? 'Asia/Kabul' : 'Asia/Karachi',
      place: {
        country: country.name,
        province: province.name,
        district: district.name,
        town: town.name,
        coordinates: town.coordinates ?? { lat: 30, lon: 68 },
        precision: 'town',
        place_ids: [country.id, province.id, district.id, town.id],
      },
      attack_type: method.attack,
      target: target.text.replace(/^an? /, ''),
      weapons:
        method.id.includes('bomb') || method.id.includes('vehicle')
          ? ['explosives', 'firearms']
          : ['firearms'],
      responsible_group: group?.id ?? null,
      summary: `Militants ${method.text} ${target.text} in ${town.name}, ${district.name} district, ${when.text}.`,
    };
    incidents.push(incident);

    const covering = r.sample(sources, r.int(2, 6));
    for (const s of covering) s.incident ??= id;
    const count = perIncident + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    const related = r.sample(eventsByDistrict.get(district.id) ?? events.slice(0, 3), 3);
    const spokesman = group ? spokesmen.get(group.id) : undefined;
    const provinceOfficials = officials.get(province.id) ?? [];

    for (let j = 0; j < count; j++) {
      const round = Math.floor(j / KINDS.length);
      // Rotated every round, so that each report covers every kind of claim.
      const source = covering[(j + round) % covering.length] as SourceDraft;
      const channel = CHANNELS[(n + round) % CHANNELS.length] as string;
      const kind = KINDS[j % KINDS.length] as Kind;
      const claimId = `${source.slug}.i${String(n).padStart(4, '0')}.c${j}`;
      const emit = (sentence: string, quote: string, claim: Omit<ClaimOut, 'id' | 'quote' | 'incident'>) => {
        if (!sentence.includes(quote)) throw new Error(`generator: quote not in its sentence: ${quote}`);
        source.current.push(typeset(sentence));
        source.claims.push({
          id: claimId,
          ...claim,
          quote,
          ...(source.incident === id ? {} : { incident: id }),
        });
      };
      const official = () => r.pick(provinceOfficials);
      const figure = (m: Measure, status: string, speaker: Speaker, lead: string) => {
        const real = truth[m.id] ?? 5;
        const conflicting = r.chance(0.3);
        const base = conflicting ? Math.max(0, real + r.int(-4, 6)) : real;
        const qualifier = r.pick(QUALIFIERS);
        const value =
          qualifier === 'at_least' || qualifier === 'more_than'
            ? Math.max(0, base - r.int(0, 2))
            : qualifier === 'up_to'
              ? base + r.int(0, 3)
              : base;
        const counted = r.pick(m.counted);
        const amount = `${QUALIFIER_WORDS[qualifier]}${value} ${counted}`;
        const core =
          m.id === 'attackers.suicide_bombers'
            ? `${amount} were suicide bombers`
            : m.id === 'injured.critical'
              ? `${amount} were in critical condition`
              : `${amount} were ${m.verb}`;
        const sentence = `${lead} ${core} in the attack on ${target.text} in ${town.name}.`;
        const withRange = qualifier === 'about' && r.chance(0.3);
        emit(sentence, core, {
          topic: m.topic,
          measure: m.id,
          figure: {
            value,
            qualifier,
            counted,
            ...(withRange ? { range: [Math.max(0, value - 3), value + 3] as [number, number] } : {}),
          },
          statement: `${capitalise(amount)} were ${m.id === 'injured.critical' ? 'critically injured' : m.id === 'attackers.suicide_bombers' ? 'suicide bombers among the attackers' : m.id.startsWith('injured') ? 'injured' : 'killed'} in ${town.name}.`,
          speaker,
          status,
          about: [town.id],
        });
      };
      const point = (
        pointId: string,
        positions: readonly { id: string; text: string }[],
        own: { id: string; text: string },
        topic: string,
        make: (text: string) => string,
        statement: (text: string) => string,
      ) => {
        const position = r.chance(0.75) ? own : r.pick(positions);
        const sentence = make(position.text);
        const quote = sentence.replace(/\.$/, '');
        emit(sentence, quote, {
          topic,
          statement: statement(position.text),
          point: pointId,
          position: position.id,
          speaker: r.chance(0.7) ? 'report' : { name: 'officials', verb: 'said' },
          status: 'reported',
          about: [town.id],
        });
      };

      switch (kind) {
        case 'figure': {
          const m = MEASURES[(round + j) % MEASURES.length] as Measure;
          const speaker: Speaker = r.chance(0.5)
            ? 'report'
            : { name: 'the military', verb: 'said', role: "the army's media wing" };
          figure(
            m,
            speaker === 'report' ? 'reported' : 'official',
            speaker,
            speaker === 'report' ? 'The report said' : 'The military said',
          );
          break;
        }
        case 'figure-official': {
          const m = MEASURES[(round * 3 + 1) % 4] as Measure;
          const who = official();
          figure(
            m,
            'official',
            { name: who.name, verb: 'said', role: who.role },
            `${who.name}, the ${who.role}, said`,
          );
          break;
        }
        case 'perpetrator-figure': {
          if (!group || !spokesman) {
            figure(MEASURES[0] as Measure, 'unverified', 'report', 'Unconfirmed accounts said');
            break;
          }
          const real = truth['killed.security_forces'] ?? 10;
          const value = real + r.int(0, 20);
          const counted = r.pick(['officers', 'soldiers']);
          const core = `killed ${value} ${counted}`;
          emit(
            `In a statement, ${group.short} said its fighters had ${core}, a claim that could not be independently verified.`,
            core,
            {
              topic: 'casualties',
              measure: 'killed.security_forces',
              figure: { value, qualifier: 'exact', counted },
              statement: `${group.short} claimed it killed ${value} ${counted}.`,
              speaker: { name: `${group.short} statement`, verb: 'claimed' },
              status: 'perpetrator_claim',
              about: [group.id],
            },
          );
          break;
        }
        case 'method':
          point(
            'attack.method',
            METHODS,
            method,
            'sequence',
            (t) => `The attackers ${t} ${target.text} in ${town.name} ${when.text}.`,
            (t) => `The attackers ${t} the target.`,
          );
          break;
        case 'target':
          point(
            'attack.target',
            TARGETS,
            target,
            'target',
            (t) => `The target in ${town.name} was ${t}, residents said.`,
            (t) => `The target was ${t}.`,
          );
          break;
        case 'time':
          point(
            'attack.time',
            TIMES,
            when,
            'time',
            (t) => `The attack in ${town.name} began ${t}, according to local officials.`,
            (t) => `The attack began ${t}.`,
          );
          break;
        case 'sequence':
          point(
            'attack.sequence',
            SEQUENCES,
            SEQUENCES[n % SEQUENCES.length] as { id: string; text: string },
            'sequence',
            (t) => `After the first blast in ${town.name}, ${t}.`,
            (t) => capitalise(`${t}.`),
          );
          break;
        case 'location': {
          const sentence = `${town.name} is a town in ${district.name} district of ${province.name} province, near ${borders[0]?.name}.`;
          const quote = `${town.name} is a town in ${district.name} district of ${province.name} province`;
          emit(sentence, quote, {
            topic: 'location',
            statement: `${town.name} is in ${district.name} district, ${province.name}.`,
            point: 'location.district',
            position: district.id,
            speaker: 'report',
            status: 'reported',
            about: [town.id, district.id, province.id],
          });
          break;
        }
        case 'responsibility': {
          if (!group) {
            const sentence = `No group has claimed responsibility for the attack in ${town.name} so far.`;
            emit(sentence, sentence.replace(/\.$/, ''), {
              topic: 'responsibility',
              statement: 'No group claimed responsibility.',
              speaker: 'report',
              status: 'reported',
              about: [town.id],
            });
            break;
          }
          const sentence = `${group.name} (${group.short}) claimed responsibility for the attack in ${town.name} ${channel}.`;
          emit(sentence, `${group.name} (${group.short}) claimed responsibility for the attack`, {
            topic: 'responsibility',
            statement: `${group.short} claimed responsibility for the attack.`,
            point: 'attack.responsibility',
            position: group.id,
            speaker: 'report',
            status: 'reported',
            about: spokesman && round % 2 === 1 ? [group.id, spokesman.id] : [group.id],
          });
          break;
        }
        case 'spokesman': {
          if (!group || !spokesman) {
            const who = official();
            const sentence = `${who.name} said the authorities were still searching for those behind the attack.`;
            emit(sentence, sentence.replace(/\.$/, ''), {
              topic: 'reactions',
              statement: `${who.name} said the search for the attackers continued.`,
              speaker: { name: who.name, verb: 'said', role: who.role },
              status: 'official',
              about: [who.id],
            });
            break;
          }
          const sentence = `${group.short} spokesman ${spokesman.name} said ${channel} that the assault began with a suicide attack and that others then stormed the compound.`;
          emit(
            sentence,
            `the assault began with a suicide attack and that others then stormed the compound`,
            {
              topic: 'sequence',
              statement: `${group.short}'s spokesman said the assault began with a suicide attack.`,
              speaker: { name: spokesman.name, verb: 'said', role: spokesman.role },
              status: 'perpetrator_claim',
              about: [group.id, spokesman.id],
            },
          );
          break;
        }
        case 'reaction': {
          const who = official();
          const sentence = `${who.name}, the ${who.role}, condemned the attack in ${town.name} and called it an act of terrorism.`;
          emit(sentence, `condemned the attack in ${town.name} and called it an act of terrorism`, {
            topic: 'reactions',
            statement: `${who.name} condemned the attack and called it terrorism.`,
            speaker: { name: who.name, verb: 'said', role: who.role },
            status: 'official',
            about: [who.id],
          });
          break;
        }
        case 'analyst': {
          const who = analysts[(n + round) % analysts.length] as PersonOut;
          const motive = MOTIVES[(n + j) % MOTIVES.length] as string;
          const sentence = `${who.name}, an ${who.role}, said ${motive}.`;
          emit(sentence, motive, {
            topic: 'reactions',
            statement: `An analyst said ${motive}.`,
            speaker: { name: who.name, verb: 'believe', role: who.role },
            status: 'analyst_view',
            about: [who.id],
          });
          break;
        }
        case 'profile': {
          const g = group ?? (groups[n % groups.length] as GroupOut);
          const c = CHARACTERISATIONS[(n + round) % CHARACTERISATIONS.length] as { id: string; text: string };
          const sentence = `Security officials describe ${g.short} as ${c.text} operating in ${province.name}.`;
          emit(sentence, `describe ${g.short} as ${c.text}`, {
            topic: 'group_profile',
            statement: `${g.short} is ${c.text}.`,
            point: `${g.id}.characterisation`,
            position: c.id,
            speaker: { name: 'security officials', verb: 'described' },
            status: 'reported',
            about: [g.id],
          });
          break;
        }
        case 'relation': {
          const g = group ?? (groups[n % groups.length] as GroupOut);
          const parent = g.parent
            ? (groups.find((x) => x.id === g.parent) as GroupOut)
            : (groups[(n + 1) % 8] as GroupOut);
          if (parent.id === g.id) {
            const sentence = `${g.short} has mainly targeted the military since it emerged.`;
            emit(sentence, sentence.replace(/\.$/, ''), {
              topic: 'group_profile',
              statement: `${g.short} has mainly targeted the military.`,
              speaker: 'report',
              status: 'reported',
              about: [g.id],
            });
            break;
          }
          const type = g.parent ? 'splinter_of' : 'rival_of';
          const words = g.parent ? 'a splinter group of' : 'a rival of';
          const sentence = `${g.short} is ${words} ${parent.name}, analysts say.`;
          emit(sentence, `${g.short} is ${words} ${parent.name}`, {
            topic: 'group_profile',
            statement: `${g.short} is ${words} ${parent.short}.`,
            speaker: { name: 'analysts', verb: 'said' },
            status: 'analyst_view',
            about: [g.id, parent.id],
            relation: { type, subject: g.id, object: parent.id },
          });
          break;
        }
        case 'context-event': {
          const event = related[round % related.length] as EventOut;
          const sentence = `The attack came after the ${event.title.charAt(0).toLowerCase()}${event.title.slice(1)}, which the report dates to ${event.date}.`;
          emit(sentence, `which the report dates to ${event.date}`, {
            topic: 'context',
            statement: `Earlier: ${event.title} (${event.date}).`,
            speaker: 'report',
            status: 'reported',
            about: [event.id, district.id],
            date: event.date,
          });
          break;
        }
        case 'context-figure': {
          const event = related[(round + 1) % related.length] as EventOut;
          const value = r.int(2, 60);
          const qualifier = r.pick(QUALIFIERS);
          const core = `${QUALIFIER_WORDS[qualifier]}${value} people were killed`;
          emit(`In the ${event.title.charAt(0).toLowerCase()}${event.title.slice(1)}, ${core}.`, core, {
            topic: 'context',
            measure: 'killed',
            figure: { value, qualifier, counted: 'people' },
            statement: `${capitalise(QUALIFIER_WORDS[qualifier])}${value} people were killed in an earlier event.`,
            speaker: 'report',
            status: 'reported',
            about: [event.id],
          });
          break;
        }
        case 'context-border': {
          const sentence = `${province.name} borders ${countries[1]?.name}, and militants cross ${borders[0]?.name} freely, officials say.`;
          emit(sentence, `militants cross ${borders[0]?.name} freely`, {
            topic: 'context',
            statement: `Militants cross the border from ${countries[1]?.name}.`,
            speaker: { name: 'officials', verb: 'said' },
            status: 'reported',
            about: [province.id, countries[1]?.id ?? '', borders[0]?.id ?? ''].filter(Boolean),
          });
          break;
        }
        case 'unverified': {
          const m = MEASURES[3] as Measure;
          figure(
            m,
            'unverified',
            { name: 'a local resident', verb: 'said', incomplete: true },
            'A resident, who was not named, said',
          );
          break;
        }
      }
    }
    // One paragraph per incident in each report that covers it.
    for (const s of covering) {
      if (s.current.length > 0) {
        s.paragraphs.push(`${s.current.join(' ')}`);
        s.current = [];
      }
    }
  }

  // ---- Write ---------------------------------------------------------------------------------------
  await rm(dir, { recursive: true, force: true });
  await Promise.all(
    ['sources', 'incidents', 'context'].map((f) => mkdir(path.join(dir, f), { recursive: true })),
  );
  const ext = format === 'json' ? 'json' : 'yaml';
  const serialise = (value: unknown) =>
    format === 'json' ? JSON.stringify(value, null, 1) : stringify(value, { lineWidth: 0 });
  let dataBytes = 0;
  let textBytes = 0;
  const write = async (file: string, text: string, kind: 'data' | 'text') => {
    if (kind === 'data') dataBytes += Buffer.byteLength(text);
    else textBytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, file), text, 'utf8');
  };

  let claimCount = 0;
  for (const s of sources) {
    if (s.claims.length === 0) continue;
    claimCount += s.claims.length;
    const name = `${String(s.index).padStart(3, '0')}_${s.id}`;
    const text = [`${s.published} ${s.dateline}:`, ...s.paragraphs.map((p) => wrap(p))].join('\n\n');
    await write(`sources/${name}.txt`, `${text}\n`, 'text');
    await write(
      `sources/${name}.${ext}`,
      serialise({
        id: s.id,
        outlet: s.outlet,
        headline: s.headline,
        url: s.url,
        published: s.published,
        dateline: s.dateline,
        text_file: `${name}.txt`,
        incident: s.incident,
        claims: s.claims,
      }),
      'data',
    );
  }
  for (const incident of incidents)
    await write(`incidents/${incident.id}.${ext}`, serialise(incident), 'data');
  await write(
    `context/groups.${ext}`,
    serialise({ groups: groups.map(({ parent: _parent, ...g }) => g) }),
    'data',
  );
  await write(`context/people.${ext}`, serialise({ people }), 'data');
  await write(`context/places.${ext}`, serialise({ places }), 'data');
  await write(`context/events.${ext}`, serialise({ events }), 'data');
  await write(`context/measures.${ext}`, serialise({ measures }), 'data');

  const latest = incidents.reduce((a, b) => (b.date > a.date ? b : a));
  const sampleGroup = groups.find((g) => g.id === latest.responsible_group) ?? (groups[0] as GroupOut);
  return {
    dir,
    format,
    incidents: incidents.length,
    sources: sources.filter((s) => s.claims.length > 0).length,
    claims: claimCount,
    groups: groups.length,
    people: people.length,
    places: places.length,
    events: events.length,
    dataBytes,
    textBytes,
    sample: {
      incident: latest.id,
      group: sampleGroup.id,
      groupName: sampleGroup.name,
      person: (spokesmen.get(sampleGroup.id) ?? (people[0] as PersonOut)).name,
      event: (events[0] as EventOut).id,
    },
  };
}

/** The order claims of an incident are made in: ten claims already give every main kind. */
const KINDS = [
  'figure',
  'method',
  'responsibility',
  'figure-official',
  'perpetrator-figure',
  'location',
  'time',
  'reaction',
  'context-event',
  'profile',
  'target',
  'figure',
  'spokesman',
  'analyst',
  'relation',
  'context-figure',
  'sequence',
  'unverified',
  'context-border',
  'figure',
] as const;
type Kind = (typeof KINDS)[number];

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      claims: { type: 'string', default: '100000' },
      incidents: { type: 'string', default: '1000' },
      sources: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write(
      'usage: tsx bench/generate.ts --out DIR [--claims N] [--seed S] [--format json|yaml]\n',
    );
    process.exit(2);
  }
  const started = performance.now();
  const result = await generateDataset({
    dir: values.out,
    claims: Number(values.claims),
    incidents: Number(values.incidents),
    sources: Number(values.sources),
    seed: Number(values.seed),
    format: values.format === 'yaml' ? 'yaml' : 'json',
  });
  process.stdout.write(
    `${JSON.stringify({ ...result, ms: Math.round(performance.now() - started) }, null, 2)}\n`,
  );
}
