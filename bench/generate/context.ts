/**
 * The generated context: places, groups, people, dated events, measures, the declared speakers
 * (officials, military media wings, ministries, police, spokesmen, analysts), and the declared
 * points with their labelled positions. Original statements are made with each incident.
 */
import { nth, type Random } from './random.js';
import type {
  EventOut,
  GroupDraft,
  MeasureOut,
  PersonOut,
  PlaceOut,
  PointOut,
  PositionOut,
  SpeakerDeclarationOut,
} from './records.js';
import { isoDate, slugify } from './text.js';
import {
  BOMBING,
  CHARACTERISATIONS,
  type Choice,
  FIRST_NAMES,
  GROUP_PREFIXES,
  GROUP_REGIONS,
  GROUP_ROOTS,
  INSTITUTES,
  LAST_NAMES,
  MEASURES,
  MEDIA_WINGS,
  METHODS,
  MORNING,
  placeName,
  SECURITY_INSTALLATION,
  SEQUENCES,
  TARGETS,
  TIMES,
} from './vocabulary.js';

export interface Context {
  places: PlaceOut[];
  countries: PlaceOut[];
  borders: PlaceOut[];
  provinces: PlaceOut[];
  districts: PlaceOut[];
  towns: PlaceOut[];
  groups: GroupDraft[];
  people: PersonOut[];
  /** A group's spokesman, by group id. */
  spokesmen: Map<string, PersonOut>;
  /** A province's interior minister, police chief and government spokesman, by province id. */
  officials: Map<string, PersonOut[]>;
  analysts: PersonOut[];
  events: EventOut[];
  eventsByDistrict: Map<string, EventOut[]>;
  measures: MeasureOut[];
  speakers: SpeakerDeclarationOut[];
  points: PointOut[];
}

export function buildContext(r: Random): Context {
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
  const places = buildPlaces(r, uniqueName);
  const groups = buildGroups(r, uniqueName, places.provinces);
  const people = buildPeople(r, uniqueName, groups, places.provinces);
  const events = buildEvents(r, places.districts);
  const eventsByDistrict = new Map<string, EventOut[]>();
  for (const e of events) {
    const list = eventsByDistrict.get(e.place ?? '');
    if (list) list.push(e);
    else eventsByDistrict.set(e.place ?? '', [e]);
  }
  return {
    ...places,
    groups,
    ...people,
    events,
    eventsByDistrict,
    measures: buildMeasures(),
    speakers: buildSpeakers(places.countries, places.provinces),
    points: buildPoints(places.districts, groups),
  };
}

type UniqueName = (make: () => string) => string;

function buildPlaces(r: Random, uniqueName: UniqueName) {
  const places: PlaceOut[] = [];
  const countries = ['Karvan', 'Dashtan', 'Mirzal'].map((name) => {
    uniqueName(() => name);
    const place: PlaceOut = { id: slugify(name), name, kind: 'country', aliases: [] };
    places.push(place);
    return place;
  });
  const borders: PlaceOut[] = [
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
    const country = nth(countries, i % 2 === 0 ? 0 : i % 3 === 0 ? 2 : 1);
    const place: PlaceOut = { id: slugify(name), name, kind: 'province', within: country.id, aliases: [] };
    provinces.push(place);
    places.push(place);
  }
  const districts: PlaceOut[] = [];
  for (let i = 0; i < 60; i++) {
    const name = uniqueName(() => `${placeName(r, ['pur', 'kot', 'garh', 'wala', 'zai'])}`);
    const place: PlaceOut = {
      id: slugify(name),
      name,
      kind: 'district',
      within: nth(provinces, i).id,
      aliases: r.chance(0.3) ? [`${name} district`] : [],
    };
    districts.push(place);
    places.push(place);
  }
  const towns: PlaceOut[] = [];
  for (let i = 0; i < 240; i++) {
    const name = uniqueName(() => placeName(r, ['ban', 'dara', 'kili', 'nagar', 'pura', 'ghar']));
    const place: PlaceOut = {
      id: slugify(name),
      name,
      kind: 'town',
      within: nth(districts, i).id,
      aliases: [],
      coordinates: {
        lat: Math.round((28 + r.float() * 8) * 1e4) / 1e4,
        lon: Math.round((64 + r.float() * 8) * 1e4) / 1e4,
      },
    };
    towns.push(place);
    places.push(place);
  }
  return { places, countries, borders, provinces, districts, towns };
}

/** 8 groups, then 32 factions, each split from one of the 8 (the reports' relation claims say so). */
function buildGroups(r: Random, uniqueName: UniqueName, provinces: readonly PlaceOut[]): GroupDraft[] {
  const groups: GroupDraft[] = [];
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
    const parent = i >= 8 ? nth(groups, i % 8) : undefined;
    groups.push({
      id: slugify(short.length >= 2 ? `${short}-${i}` : name),
      name,
      short,
      aliases,
      kind: i < 8 ? 'militant group' : 'militant faction',
      description: parent
        ? `A militant faction that reports describe as close to ${parent.name}.`
        : `A militant group active in ${nth(provinces, i).name}.`,
      ...(parent ? { parent: parent.id } : {}),
    });
  }
  return groups;
}

function buildPeople(
  r: Random,
  uniqueName: UniqueName,
  groups: readonly GroupDraft[],
  provinces: readonly PlaceOut[],
) {
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
      role: `analyst at ${nth(INSTITUTES, i)}`,
    };
    analysts.push(person);
    people.push(person);
  }
  return { people, spokesmen, officials, analysts };
}

const EVENT_KINDS = ['attack', 'operation', 'policy', 'political', 'other'] as const;

function buildEvents(r: Random, districts: readonly PlaceOut[]): EventOut[] {
  const events: EventOut[] = [];
  for (let i = 0; i < 2000; i++) {
    const district = nth(districts, i);
    const kind = nth(EVENT_KINDS, i);
    const date = isoDate(r.int(0, 4000));
    const precision = r.float();
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
  return events;
}

function buildMeasures(): MeasureOut[] {
  const measures: MeasureOut[] = MEASURES.map(({ id, label, part_of, synonyms }) => ({
    id,
    label,
    ...(part_of ? { part_of } : {}),
    synonyms,
  }));
  measures.push({
    id: 'bounty',
    label: "Bounty on a person's head",
    unit: 'US dollars',
    synonyms: ['reward', 'price on his head'],
  });
  return measures;
}

/** The speaker ids the claims use besides people and groups. */
export const SPEAKER = {
  military: (country: string) => `${country}-military`,
  interiorMinistry: (country: string) => `${country}-interior-ministry`,
  foreignOffice: (country: string) => `${country}-foreign-office`,
  governmentSpokesman: (country: string) => `${country}-government-spokesman`,
  police: (province: string) => `${province}-police`,
  rescue: (province: string) => `${province}-rescue-service`,
  officials: 'officials',
  securityOfficials: 'security-officials',
  analysts: 'analysts',
  residents: 'residents',
  hospitalOfficials: 'hospital-officials',
  newsAgency: 'a-news-agency',
} as const;

/** 12 for the countries, 24 for the provinces, 6 unnamed: 42 declared speakers. */
function buildSpeakers(
  countries: readonly PlaceOut[],
  provinces: readonly PlaceOut[],
): SpeakerDeclarationOut[] {
  const speakers: SpeakerDeclarationOut[] = [];
  for (const country of countries) {
    const wing = MEDIA_WINGS[country.id];
    speakers.push(
      {
        id: SPEAKER.military(country.id),
        name: `the ${country.name} military`,
        ...(wing ? { role: `speaking through ${wing.name} (${wing.short}), its media wing` } : {}),
      },
      {
        id: SPEAKER.interiorMinistry(country.id),
        name: `the ${country.name} interior ministry`,
        role: 'ministry',
      },
      { id: SPEAKER.foreignOffice(country.id), name: `the ${country.name} foreign office`, role: 'ministry' },
      {
        id: SPEAKER.governmentSpokesman(country.id),
        name: `a spokesman for the ${country.name} government`,
        role: 'government spokesman',
        note: 'not named in the reports',
      },
    );
  }
  for (const province of provinces) {
    speakers.push(
      { id: SPEAKER.police(province.id), name: `the ${province.name} police`, role: 'provincial police' },
      {
        id: SPEAKER.rescue(province.id),
        name: `the ${province.name} rescue service`,
        role: 'emergency service, giving counts from the hospitals',
      },
    );
  }
  speakers.push(
    { id: SPEAKER.officials, name: 'officials', note: 'unnamed officials, as the reports call them' },
    { id: SPEAKER.securityOfficials, name: 'security officials', note: 'unnamed' },
    { id: SPEAKER.analysts, name: 'analysts', note: 'unnamed' },
    {
      id: SPEAKER.residents,
      name: 'residents',
      incomplete: true,
      note: 'local residents the reports do not name',
    },
    { id: SPEAKER.hospitalOfficials, name: 'hospital officials', note: 'unnamed' },
    { id: SPEAKER.newsAgency, name: 'a news agency', note: 'a report cites an agency it does not name' },
  );
  return speakers;
}

function position(choice: Choice): PositionOut {
  const { id, label, broader_than, compatible_with, contradicts, synonyms } = choice;
  return {
    id,
    label,
    ...(broader_than ? { broader_than } : {}),
    ...(compatible_with ? { compatible_with } : {}),
    ...(contradicts ? { contradicts } : {}),
    ...(synonyms ? { synonyms } : {}),
  };
}

/** The position a report takes when it names only the group that a faction split from. */
export function affiliatePosition(groupId: string): string {
  return `affiliate-of-${groupId}`;
}

export function characterisationPoint(groupId: string): string {
  return `${groupId}.characterisation`;
}

function buildPoints(districts: readonly PlaceOut[], groups: readonly GroupDraft[]): PointOut[] {
  const parents = groups.filter((g) => groups.some((other) => other.parent === g.id));
  return [
    {
      id: 'attack.method',
      label: 'How the attack was carried out',
      question: 'How was the attack carried out?',
      topic: 'sequence',
      synonyms: ['method', 'how', 'weapon'],
      positions: [...METHODS, BOMBING].map(position),
    },
    {
      id: 'attack.target',
      label: 'Target',
      question: 'What was attacked?',
      topic: 'target',
      synonyms: ['target', 'targeted', 'attacked'],
      positions: [...TARGETS, SECURITY_INSTALLATION].map(position),
    },
    {
      id: 'attack.time',
      label: 'Time of the attack',
      question: 'When did the attack take place?',
      topic: 'time',
      synonyms: ['when', 'time', 'morning', 'night'],
      positions: [...TIMES, MORNING].map(position),
    },
    {
      id: 'attack.sequence',
      label: 'What followed the first blast',
      question: 'What happened after the first blast?',
      topic: 'sequence',
      exclusive: false,
      synonyms: ['sequence', 'what happened', 'gun battle', 'stormed'],
      positions: SEQUENCES.map(position),
    },
    {
      id: 'location.district',
      label: 'District',
      question: 'In which district did it happen?',
      topic: 'location',
      synonyms: ['where', 'district'],
      positions: districts.map((d) => ({ id: d.id, label: d.name })),
    },
    {
      id: 'attack.responsibility',
      label: 'Who claimed responsibility',
      question: 'Who claimed responsibility for the attack?',
      topic: 'responsibility',
      synonyms: ['who', 'claimed', 'responsibility', 'behind'],
      positions: [
        ...groups.map((g) => ({ id: g.id, label: `${g.name} (${g.short})`, group: g.id })),
        ...parents.map((g) => ({
          id: affiliatePosition(g.id),
          label: `a group affiliated with ${g.short}`,
          affiliate_of: g.id,
        })),
      ],
    },
    ...groups.map(
      (g): PointOut => ({
        id: characterisationPoint(g.id),
        label: `How ${g.short} is characterised`,
        question: `What kind of group is ${g.short}?`,
        topic: 'group_profile',
        exclusive: false,
        synonyms: ['characterised', 'described', 'profile'],
        positions: CHARACTERISATIONS.map(position),
      }),
    ),
  ];
}
