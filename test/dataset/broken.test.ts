/**
 * Broken datasets, each made from the good one by one edit: the loader must reject each with its
 * own problem, naming the file, the line, the field and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { DatasetError, formatProblem, type Problem } from '../../src/dataset/problems.js';
import { VAGUE_WORDS } from '../../src/dataset/quantities.js';
import {
  type DatasetCopy,
  INCIDENT,
  SOURCE_000,
  SOURCE_002,
  TEXT_002,
  withDatasetCopy,
} from '../helpers/dataset-fixture.js';

const EVENTS = 'context/events.yaml';
const GROUPS = 'context/groups.yaml';
const PEOPLE = 'context/people.yaml';
const PLACES = 'context/places.yaml';
const MEASURES = 'context/measures.yaml';
const QUALIFIERS = '"exact", "at_least", "more_than", "about", "nearly", "up_to"';
const POINTS = 'context/points.yaml';
const SPEAKERS = 'context/speakers.yaml';
const VERBS = '"reported", "said", "claimed", "believe", "described", "according_to"';
const ID_RULE = 'expected an id of lower-case letters, digits, ".", "_" or "-"';

interface BrokenCase {
  name: string;
  /** Breaks the copy. */
  edit: (copy: DatasetCopy) => Promise<unknown>;
  /** Every problem the loader must report, in its order, computed on the edited copy. */
  expected: (copy: DatasetCopy) => Promise<Problem[]>;
}

/** `claims[i]` plus a field, for the claim with this id. */
async function claimField(copy: DatasetCopy, file: string, id: string, field: string): Promise<string> {
  return `claims[${await copy.claimIndex(file, id)}]${field}`;
}

/** The index of a measure in the measures file, as in `measures[3]`. */
async function measureIndex(copy: DatasetCopy, id: string): Promise<number> {
  const measures = (await copy.read(MEASURES)).split('\n  - id: ').slice(1);
  const index = measures.findIndex((m) => m.startsWith(`${id}\n`));
  if (index < 0) throw new Error(`no measure ${id}`);
  return index;
}

/** A minimal valid source about the incident, for cases that need a file of their own. */
function extraSource(id: string, extra = ''): string {
  return [
    `id: ${id}`,
    'outlet: Example Wire',
    'headline: Attack in Daraban',
    'url: https://example.com/attack',
    "published: '2023-12-13'",
    'dateline: null',
    `text_file: ${id}.txt`,
    'incident: daraban-2023-12-12',
    extra,
  ].join('\n');
}

const cases: BrokenCase[] = [
  {
    name: 'malformed YAML: an unclosed quote',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.killed',
        'statement: "At least 24 officers were killed."',
        'statement: "At least 24 officers were killed.',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'statement:'),
        field: '',
        message: 'not valid YAML or JSON: Missing closing "quote',
      },
    ],
  },
  {
    name: 'malformed YAML: a duplicate key in one claim',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.killed',
        "quote: 'killing at least 24 officers'",
        "quote: 'killing at least 24 officers'\n    quote: 'killing at least 24 officers'",
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'quote:', 2),
        field: '',
        message: 'not valid YAML or JSON: Map keys must be unique',
      },
    ],
  },
  {
    name: 'malformed JSON: a source written as JSON with a comma missing',
    edit: async (copy) => {
      const json = JSON.stringify(
        { id: 'json-report', outlet: 'Example Wire', headline: 'Attack in Daraban' },
        null,
        2,
      ).replace('"Example Wire",', '"Example Wire"');
      await copy.write('sources/json-report.json', json);
    },
    expected: async (copy) => [
      {
        file: 'sources/json-report.json',
        line: await copy.lineOf('sources/json-report.json', '"headline"'),
        field: '',
        message: 'not valid YAML or JSON: Missing , between flow map items',
      },
    ],
  },
  {
    name: 'a missing required field: a claim without its statement',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.killed',
        '    statement: "At least 24 officers were killed."\n',
        '',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, '- id: indileak.killed\n'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.statement'),
        message: 'missing: expected a text',
      },
    ],
  },
  {
    name: 'a wrong type: a figure written in words',
    edit: (copy) => copy.replaceInClaim(SOURCE_000, 'indileak.killed', 'value: 24,', 'value: "twenty",'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'figure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.figure.value'),
        message: 'expected a number, but got the text "twenty"',
      },
    ],
  },
  {
    name: 'a negative count',
    edit: (copy) => copy.replaceInClaim(SOURCE_000, 'indileak.injured', 'value: 34,', 'value: -34,'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.injured', 'figure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.injured', '.figure.value'),
        message: 'expected a count of zero or more',
      },
    ],
  },
  {
    name: 'a count that is not a whole number',
    edit: (copy) => copy.replaceInClaim(SOURCE_000, 'indileak.injured.critical', 'value: 5,', 'value: 5.5,'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.injured.critical', 'figure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.injured.critical', '.figure.value'),
        message: 'expected a whole number',
      },
    ],
  },
  {
    name: 'an impossible publication date',
    edit: (copy) => copy.replace(SOURCE_000, "published: '2023-12-12'", "published: '2023-02-30'"),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, 'published:'),
        field: 'published',
        message: 'expected a date that exists on the calendar',
      },
    ],
  },
  {
    name: 'an impossible event date in a context file',
    edit: (copy) => copy.replace(EVENTS, "date: '2023-11-03'", "date: '2023-11-31'"),
    expected: async (copy) => [
      {
        file: EVENTS,
        line: await copy.lineOf(EVENTS, "date: '2023-11-31'"),
        field: 'events[7].date',
        message: 'expected a date that exists on the calendar',
      },
    ],
  },
  {
    name: 'an unknown qualifier',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.killed', 'qualifier: at_least', 'qualifier: roughly'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'figure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.figure.qualifier'),
        message: `expected one of ${QUALIFIERS}`,
      },
    ],
  },
  {
    name: 'an unknown field: "qoute" for "quote"',
    edit: (copy) => copy.replaceInClaim(SOURCE_000, 'indileak.killed', '    quote:', '    qoute:'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, '- id: indileak.killed\n'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.quote'),
        message: 'missing: expected a text',
      },
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'qoute:'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.qoute'),
        message: 'unknown field "qoute" (check the spelling)',
      },
    ],
  },
  {
    name: 'an unknown section in a context file',
    edit: (copy) => copy.replace(GROUPS, '\ngroups:\n', '\ngruops:\n'),
    expected: async (copy) => [
      {
        file: GROUPS,
        line: await copy.lineOf(GROUPS, 'gruops:'),
        field: 'gruops',
        message: 'unknown field "gruops" (check the spelling)',
      },
    ],
  },
  {
    name: 'a range with a qualifier other than "about"',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.killed',
        'counted: officers}',
        'counted: officers, range: [22, 26]}',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'figure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.figure.range'),
        message: 'expected a range only with the qualifier "about" or "nearly"',
      },
    ],
  },
  {
    name: 'an "about" range that leaves out the figure',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_002,
        'atleast23.bali-kiara.bounty',
        'counted: US dollars}',
        'counted: US dollars, range: [40000, 50000]}',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_002,
        line: await copy.lineInClaim(SOURCE_002, 'atleast23.bali-kiara.bounty', 'figure:'),
        field: await claimField(copy, SOURCE_002, 'atleast23.bali-kiara.bounty', '.figure.range'),
        message: 'expected a range that contains the value',
      },
    ],
  },
  {
    name: 'a measure without a figure',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.injured',
        '    figure: {value: 34, qualifier: exact, counted: injured}\n',
        '',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, '- id: indileak.injured\n'),
        field: await claimField(copy, SOURCE_000, 'indileak.injured', '.figure'),
        message: 'expected a measure and a figure together, or neither',
      },
    ],
  },
  {
    name: 'a point without a position',
    edit: (copy) => copy.replaceInClaim(SOURCE_000, 'indileak.target', '    position: police-station\n', ''),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, '- id: indileak.target\n'),
        field: await claimField(copy, SOURCE_000, 'indileak.target', '.position'),
        message: 'expected a point and a position together, or neither',
      },
    ],
  },
  {
    name: 'an id with capitals and a space',
    edit: (copy) => copy.replace(SOURCE_000, '- id: indileak.method\n', '- id: Indileak Method\n'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, '- id: Indileak Method'),
        field: 'claims[0].id',
        message: ID_RULE,
      },
    ],
  },
  {
    name: 'a URL without a scheme',
    edit: (copy) => copy.replace(SOURCE_000, 'url: https://indileak.com/', 'url: indileak.com/'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, 'url: indileak.com/'),
        field: 'url',
        message: 'expected a URL such as "https://example.com/report"',
      },
    ],
  },
  {
    name: 'an unknown time zone on the incident (and no knock-on problems in the sources)',
    edit: (copy) => copy.replace(INCIDENT, 'timezone: Asia/Karachi', 'timezone: Asia/Karachy'),
    expected: async (copy) => [
      {
        file: INCIDENT,
        line: await copy.lineOf(INCIDENT, 'timezone:'),
        field: 'timezone',
        message: 'expected an IANA time zone such as "Asia/Karachi"',
      },
    ],
  },
  {
    name: 'coordinates off the globe',
    edit: (copy) =>
      copy.replace(
        INCIDENT,
        '  precision: area\n',
        '  precision: area\n  coordinates: {lat: 132.1, lon: 70.3}\n',
      ),
    expected: async (copy) => [
      {
        file: INCIDENT,
        line: await copy.lineOf(INCIDENT, 'coordinates:'),
        field: 'place.coordinates.lat',
        message: 'expected a value of at most 90',
      },
    ],
  },
  {
    name: 'a speaker that is neither "report" nor a mapping',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.killed', 'speaker: report', 'speaker: the report'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'speaker:'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.speaker'),
        message: ID_RULE,
      },
    ],
  },
  {
    name: "an unknown verb in a speaker's mapping",
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.bugti.condemned', '{id: bugti,', '{id: bugti, verb: told,'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.bugti.condemned', 'verb: told'),
        field: await claimField(copy, SOURCE_000, 'indileak.bugti.condemned', '.speaker.verb'),
        message: `expected one of ${VERBS}`,
      },
    ],
  },
  {
    name: 'a text file named with a path',
    edit: (copy) =>
      copy.replace(
        SOURCE_000,
        'text_file: 000_1b6b5cd637d6ab71.txt',
        'text_file: ../000_1b6b5cd637d6ab71.txt',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, 'text_file:'),
        field: 'text_file',
        message: 'expected the name of a .txt file beside this one',
      },
    ],
  },
  {
    name: 'a source with no claims',
    edit: async (copy) => {
      await copy.write('sources/empty-report.yaml', extraSource('empty-report', 'claims: []\n'));
      await copy.write('sources/empty-report.txt', 'Nothing to report.\n');
    },
    expected: async (copy) => [
      {
        file: 'sources/empty-report.yaml',
        line: await copy.lineOf('sources/empty-report.yaml', 'claims:'),
        field: 'claims',
        message: 'expected at least one claim',
      },
    ],
  },
  {
    name: 'an unknown incident id on a source',
    edit: (copy) => copy.replace(SOURCE_000, 'incident: daraban-2023-12-12', 'incident: daraban-2023-12-13'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, 'incident: daraban-2023-12-13'),
        field: 'incident',
        message:
          'expected the id of a known incident, but "daraban-2023-12-13" is not defined (did you mean "daraban-2023-12-12"?)',
      },
    ],
  },
  {
    name: 'an unknown measure',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.injured.critical',
        'measure: injured.critical',
        'measure: injured.serious',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.injured.critical', 'measure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.injured.critical', '.measure'),
        message: 'expected the id of a known measure, but "injured.serious" is not defined',
      },
    ],
  },
  {
    name: 'an unknown measure as the parent of a measure',
    edit: (copy) => copy.replace(MEASURES, 'part_of: injured\n', 'part_of: wounded\n'),
    expected: async (copy) => [
      {
        file: MEASURES,
        line: await copy.lineOf(MEASURES, 'part_of: wounded'),
        field: `measures[${await measureIndex(copy, 'injured.critical')}].part_of[0]`,
        message: 'expected the id of a known measure, but "wounded" is not defined',
      },
    ],
  },
  {
    name: 'an unknown id in a claim\'s "about"',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.responsibility', 'about: [tjp]', 'about: [tjpp]'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.responsibility', 'about:'),
        field: await claimField(copy, SOURCE_000, 'indileak.responsibility', '.about[0]'),
        message:
          'expected the id of a known group, person, place or event, but "tjpp" is not defined (did you mean "tjp"?)',
      },
    ],
  },
  {
    name: 'a relation to a place instead of a group',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.tjp.splinter', 'object: ttp}', 'object: pakistan}'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.tjp.splinter', 'relation:'),
        field: await claimField(copy, SOURCE_000, 'indileak.tjp.splinter', '.relation.object'),
        message: 'expected the id of a known group, but "pakistan" is a place',
      },
    ],
  },
  {
    name: 'an unknown responsible group on the incident',
    edit: (copy) => copy.replace(INCIDENT, 'responsible_group: tjp', 'responsible_group: tjx'),
    expected: async (copy) => [
      {
        file: INCIDENT,
        line: await copy.lineOf(INCIDENT, 'responsible_group:'),
        field: 'responsible_group',
        message: 'expected the id of a known group, but "tjx" is not defined (did you mean "tjp"?)',
      },
    ],
  },
  {
    name: "an unknown group in a person's entry",
    edit: (copy) => copy.replace(PEOPLE, 'group: ttp\n', 'group: ttpp\n'),
    expected: async (copy) => [
      {
        file: PEOPLE,
        line: await copy.lineOf(PEOPLE, 'group: ttpp'),
        field: 'people[5].group',
        message: 'expected the id of a known group, but "ttpp" is not defined (did you mean "ttp"?)',
      },
    ],
  },
  {
    name: 'a duplicate claim id across the two sources',
    edit: (copy) => copy.replace(SOURCE_002, '- id: atleast23.region\n', '- id: indileak.region\n'),
    expected: async (copy) => [
      {
        file: SOURCE_002,
        line: await copy.lineOf(SOURCE_002, '- id: indileak.region'),
        field: await claimField(copy, SOURCE_002, 'indileak.region', '.id'),
        message: `expected a unique id, but "indileak.region" is already defined at ${SOURCE_000}:${await copy.lineOf(
          SOURCE_000,
          '- id: indileak.region',
        )} (${await claimField(copy, SOURCE_000, 'indileak.region', '.id')})`,
      },
    ],
  },
  {
    name: 'a duplicate entity id across two context files',
    edit: async (copy) => {
      const places = await copy.read(PLACES);
      await copy.write(PLACES, `${places}\n  - id: tjp\n    name: Tajpur\n    kind: town\n`);
    },
    expected: async (copy) => [
      {
        file: PLACES,
        line: await copy.lineOf(PLACES, '- id: tjp'),
        field: `places[${(await copy.read(PLACES)).split('\n  - id: ').length - 2}].id`,
        message: `expected a unique id, but "tjp" is already defined at ${GROUPS}:${await copy.lineOf(
          GROUPS,
          '- id: tjp',
        )} (groups[0].id)`,
      },
    ],
  },
  {
    name: 'a quote with one word changed',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.injured',
        "quote: 'The blast injured 34'",
        "quote: 'The blast wounded 34'",
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.injured', 'quote:'),
        field: await claimField(copy, SOURCE_000, 'indileak.injured', '.quote'),
        message:
          'expected a verbatim excerpt of 000_1b6b5cd637d6ab71.txt, but this quote is not in it: "The blast wounded 34"; the nearest text is "The blast injured 34"',
      },
    ],
  },
  {
    name: 'a missing report text file',
    edit: (copy) => copy.remove(TEXT_002),
    expected: async (copy) => [
      {
        file: SOURCE_002,
        line: await copy.lineOf(SOURCE_002, 'text_file:'),
        field: 'text_file',
        message:
          "expected the report's text in sources/002_9503681d963856fc.txt, but it cannot be read: it does not exist (or is a link to nothing)",
      },
    ],
  },
  {
    name: 'a misspelt point, with the point meant suggested',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.target', 'point: attack.target', 'point: attack.targte'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.target', 'point:'),
        field: await claimField(copy, SOURCE_000, 'indileak.target', '.point'),
        message:
          'expected the id of a known point, but "attack.targte" is not defined (did you mean "attack.target"?)',
      },
    ],
  },
  {
    name: "a misspelt position, checked against its point's positions",
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.target',
        'position: police-station',
        'position: polce-station',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.target', 'position:'),
        field: await claimField(copy, SOURCE_000, 'indileak.target', '.position'),
        message:
          'expected one of the positions declared for the point "attack.target", but "polce-station" is not one (did you mean "police-station"?)',
      },
    ],
  },
  {
    name: 'a misspelt speaker',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.bugti.terrorism', 'speaker: bugti', 'speaker: bugtti'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.bugti.terrorism', 'speaker:'),
        field: await claimField(copy, SOURCE_000, 'indileak.bugti.terrorism', '.speaker.id'),
        message:
          'expected the id of a known speaker, person or group (or "report"), but "bugtti" is not defined (did you mean "bugti"?)',
      },
    ],
  },
  {
    name: 'a speaker written by an alias, with the id meant suggested',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.bugti.terrorism', 'speaker: bugti', 'speaker: iqbal'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.bugti.terrorism', 'speaker:'),
        field: await claimField(copy, SOURCE_000, 'indileak.bugti.terrorism', '.speaker.id'),
        message:
          'expected the id of a known speaker, person or group (or "report"), but "iqbal" is not defined (did you mean "bali-kiara", the person named "Iqbal"?)',
      },
    ],
  },
  {
    name: 'an unknown original statement',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_002,
        'atleast23.method',
        'origin: ispr-2023-12-12',
        'origin: ispr-2023-12-21',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_002,
        line: await copy.lineInClaim(SOURCE_002, 'atleast23.method', 'origin:'),
        field: await claimField(copy, SOURCE_002, 'atleast23.method', '.origin'),
        message:
          'expected the id of a known original statement, but "ispr-2023-12-21" is not defined (did you mean "ispr-2023-12-12"?)',
      },
    ],
  },
  {
    name: 'a comma inside a { … } speaker note, splitting it',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.bugti.condemned',
        '{id: bugti, note: in a statement}',
        '{id: bugti, note: in a statement, later repeated}',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.bugti.condemned', 'speaker:'),
        field: await claimField(copy, SOURCE_000, 'indileak.bugti.condemned', '.speaker.later repeated'),
        message:
          'unknown field "later repeated": inside { … } a comma ends a value, so the text after it became a field of its own; put the value that holds the comma in quotes, e.g. note: \'in a statement, later deleted\'',
      },
    ],
  },
  {
    name: 'a position declared compatible with one its point does not have',
    edit: (copy) =>
      copy.replace(
        POINTS,
        'compatible_with: [military-compound, military-camp]',
        'compatible_with: [military-compund, military-camp]',
      ),
    expected: async (copy) => [
      {
        file: POINTS,
        line: await copy.lineOf(POINTS, 'military-compund'),
        field: `points[${(await copy.read(POINTS)).split('\n  - id: ').findIndex((p) => p.startsWith('attack.target\n')) - 1}].positions[1].compatible_with[0]`,
        message:
          'expected one of the positions declared for the point "attack.target", but "military-compund" is not one (did you mean "military-compound"?)',
      },
    ],
  },
  {
    name: 'a statement by an unknown speaker',
    edit: (copy) =>
      copy.replace(SPEAKERS, 'speaker: the-pakistani-military', 'speaker: the-pakistani-militray'),
    expected: async (copy) => [
      {
        file: SPEAKERS,
        line: await copy.lineOf(SPEAKERS, 'speaker: the-pakistani-militray'),
        field: 'statements[0].speaker',
        message:
          'expected the id of a known speaker, person or group (or "report"), but "the-pakistani-militray" is not defined (did you mean "the-pakistani-military"?)',
      },
    ],
  },
  {
    name: 'a vague quantity the table does not know',
    edit: (copy) =>
      copy.replaceInClaim(SOURCE_000, 'indileak.injured', '{value: 34, qualifier: exact,', '{words: loads,'),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.injured', 'figure:'),
        field: await claimField(copy, SOURCE_000, 'indileak.injured', '.figure.words'),
        message: `expected one of ${VAGUE_WORDS.map((w) => JSON.stringify(w)).join(', ')}`,
      },
    ],
  },
  {
    name: 'a republished copy that does not say of what',
    edit: (copy) => copy.replace(SOURCE_002, 'outlet: null\n', 'outlet: null\nkind: republished_copy\n'),
    expected: async (copy) => [
      {
        file: SOURCE_002,
        line: await copy.lineOf(SOURCE_002, 'kind: republished_copy'),
        field: 'kind',
        message: 'expected copy_of: {outlet: …} for a republished copy, naming the original',
      },
    ],
  },
  {
    name: 'a figure spanning an event that is not defined',
    edit: (copy) =>
      copy.replaceInClaim(
        SOURCE_000,
        'indileak.killed',
        'measure: killed.security_forces',
        'measure: killed.security_forces\n    covers: [daraban-2023-12-12, kulachi-operation]',
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', 'covers:'),
        field: await claimField(copy, SOURCE_000, 'indileak.killed', '.covers[1]'),
        message:
          'expected the id of a known incident or event, but "kulachi-operation" is not defined (did you mean "kulachi-operation-2023-12-12"?)',
      },
    ],
  },
  {
    name: 'a measure that is a part of itself, through its totals',
    edit: (copy) =>
      copy.replace(MEASURES, '  - id: injured\n', '  - id: injured\n    part_of: injured.critical\n'),
    expected: async (copy) => [
      {
        file: MEASURES,
        line: await copy.lineOf(MEASURES, 'part_of: injured.critical'),
        field: `measures[${await measureIndex(copy, 'injured')}].part_of`,
        message: 'expected a measure that is not a part of itself, but "injured" is, through its totals',
      },
      {
        file: MEASURES,
        line: await copy.lineOf(MEASURES, 'part_of: injured\n'),
        field: `measures[${await measureIndex(copy, 'injured.critical')}].part_of`,
        message:
          'expected a measure that is not a part of itself, but "injured.critical" is, through its totals',
      },
    ],
  },
  {
    name: 'an empty sources folder',
    edit: (copy) => copy.empty('sources'),
    expected: async () => [
      { file: 'sources/', line: null, field: '', message: 'expected at least one file in sources/' },
    ],
  },
  {
    name: 'no sources folder at all',
    edit: (copy) => copy.remove('sources'),
    expected: async (copy) => [
      { file: 'sources/', line: null, field: '', message: `expected a folder sources/ in "${copy.dir}"` },
    ],
  },
];

describe('a broken dataset is rejected with its own problem', () => {
  it('has at least 18 distinct cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name', async ({ edit, expected }) => {
    const { problems, want, message } = await withDatasetCopy(async (copy) => {
      await edit(copy);
      const error = await copy.error();
      return { problems: error.problems, want: await expected(copy), message: error.message };
    });
    expect(problems).toEqual(want);
    for (const problem of want) expect(message).toContain(formatProblem(problem));
  });

  it('reports a bad indentation at the line where the structure breaks, as YAML', async () => {
    const { problems, line } = await withDatasetCopy(async (copy) => {
      await copy.replaceInClaim(SOURCE_000, 'indileak.killed', '    statement:', '   statement:');
      return {
        problems: await copy.problems(),
        line: await copy.lineInClaim(SOURCE_000, 'indileak.killed', '   statement:'),
      };
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: SOURCE_000, line, field: '' });
    for (const problem of problems) {
      expect(problem.file).toBe(SOURCE_000);
      expect(problem.message).toMatch(/^not valid YAML or JSON: /);
      expect(problem.line ?? 0).toBeGreaterThanOrEqual(line);
    }
  });

  it('each case breaks the dataset in a different place or way', async () => {
    // The same message at the same place would mean two cases test one thing.
    const keys = await Promise.all(
      cases.map((c) =>
        withDatasetCopy(async (copy) => {
          await c.edit(copy);
          return (await copy.problems()).map((p) => `${p.file}|${p.field}|${p.message}`).join('\n');
        }),
      ),
    );
    expect(new Set(keys).size).toBe(cases.length);
  });
});

describe('several problems at once', () => {
  /** Three problems in three files: a schema problem, a file-level problem and a reference. */
  async function breakThreeFiles(copy: DatasetCopy): Promise<Problem[]> {
    await copy.replaceInClaim(SOURCE_002, 'atleast23.attackers.killed', 'value: 6,', 'value: -6,');
    await copy.replace(INCIDENT, 'timezone: Asia/Karachi', 'timezone: Mars/Olympus');
    await copy.replace(PEOPLE, 'group: tjp\n', 'group: tjq\n');
    return [
      {
        file: PEOPLE,
        line: await copy.lineOf(PEOPLE, 'group: tjq'),
        field: 'people[0].group',
        message: 'expected the id of a known group, but "tjq" is not defined (did you mean "tjp"?)',
      },
      {
        file: INCIDENT,
        line: await copy.lineOf(INCIDENT, 'timezone:'),
        field: 'timezone',
        message: 'expected an IANA time zone such as "Asia/Karachi"',
      },
      {
        file: SOURCE_002,
        line: await copy.lineInClaim(SOURCE_002, 'atleast23.attackers.killed', 'figure:'),
        field: await claimField(copy, SOURCE_002, 'atleast23.attackers.killed', '.figure.value'),
        message: 'expected a count of zero or more',
      },
    ];
  }

  it('reports all three, not just the first, sorted by file', async () => {
    const { error, want } = await withDatasetCopy(async (copy) => {
      const want = await breakThreeFiles(copy);
      return { error: await copy.error(), want };
    });
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.problems).toEqual(want);
    const files = error.problems.map((p) => p.file);
    expect(files).toEqual([...files].sort());
  });

  it('formats the message as one `file:line: field: message` line per problem', async () => {
    const { error, want } = await withDatasetCopy(async (copy) => {
      const want = await breakThreeFiles(copy);
      return { error: await copy.error(), want };
    });
    expect(error.name).toBe('DatasetError');
    expect(error.message).toBe(
      [
        'The dataset has 3 problems:',
        ...want.map((p) => `  ${p.file}:${p.line}: ${p.field}: ${p.message}`),
      ].join('\n'),
    );
    const lines = error.message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^ {2}[\w/.-]+\.yaml:\d+: [\w.[\]]+: expected /);
  });

  it('sorts problems within one file by line', async () => {
    const problems = await withDatasetCopy(async (copy) => {
      // Broken from the bottom of the file up, so the order found is not the order of lines.
      await copy.replaceInClaim(SOURCE_000, 'indileak.peshawar.killed', 'value: 101,', 'value: -101,');
      await copy.replace(SOURCE_000, "published: '2023-12-12'", "published: '2023-13-12'");
      return copy.problems();
    });
    expect(problems.map((p) => p.field)).toEqual([
      'published',
      expect.stringMatching(/^claims\[\d+\]\.figure\.value$/),
    ]);
    const lines = problems.map((p) => p.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('says "1 problem" and leaves out the line and field when there are none to give', async () => {
    const error = await withDatasetCopy(async (copy) => {
      await copy.empty('sources');
      return copy.error();
    });
    expect(error.message).toBe(
      'The dataset has 1 problem:\n  sources/: expected at least one file in sources/',
    );
  });
});

describe('one pass: schema, references and quotes of one file together', () => {
  it('lists a claim’s schema problem beside its broken quote, and the file’s broken references', async () => {
    const { problems, want } = await withDatasetCopy(async (copy) => {
      // One claim with a schema problem and a quote not in the text; two others with bad references.
      await copy.replaceInClaim(SOURCE_000, 'indileak.injured', 'qualifier: exact', 'qualifier: exactly');
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.injured',
        "quote: 'The blast injured 34'",
        "quote: 'The blast wounded 34'",
      );
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.injured.critical',
        'measure: injured.critical',
        'measure: injured.critcal',
      );
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.target',
        'point: attack.target',
        'point: attack.targte',
      );
      const at = async (id: string, search: string, field: string) => ({
        file: SOURCE_000,
        line: await copy.lineInClaim(SOURCE_000, id, search),
        field: await claimField(copy, SOURCE_000, id, field),
      });
      const want: Problem[] = [
        {
          ...(await at('indileak.target', 'point:', '.point')),
          message:
            'expected the id of a known point, but "attack.targte" is not defined (did you mean "attack.target"?)',
        },
        {
          ...(await at('indileak.injured', 'figure:', '.figure.qualifier')),
          message: `expected one of ${QUALIFIERS}`,
        },
        {
          ...(await at('indileak.injured', 'quote:', '.quote')),
          message:
            'expected a verbatim excerpt of 000_1b6b5cd637d6ab71.txt, but this quote is not in it: "The blast wounded 34"; the nearest text is "The blast injured 34"',
        },
        {
          ...(await at('indileak.injured.critical', 'measure:', '.measure')),
          message:
            'expected the id of a known measure, but "injured.critcal" is not defined (did you mean "injured.critical"?)',
        },
      ];
      return { problems: await copy.problems(), want };
    });
    expect(problems).toEqual(want);
  });
});
