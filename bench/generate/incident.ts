/**
 * One generated incident: its record, its original statements (the military's press release, the
 * perpetrators' claim), a separate operation the same day for some, and its claims (claims.ts),
 * written into the 2 to 6 reports that cover it, each with its sentence in the report's text.
 */
import { KINDS, RELAYED, type Scene, type Turn, WRITERS } from './claims.js';
import { type Context, SPEAKER } from './context.js';
import { nth, type Random } from './random.js';
import type { EventOut, FigureOut, IncidentOut, PlaceOut, StatementOut } from './records.js';
import type { SourceDraft } from './sources.js';
import { slugify, typeset } from './text.js';
import { CHANNELS, countedFor, MEDIA_WINGS, METHODS, TARGETS, TIMES } from './vocabulary.js';

export interface GeneratedIncident {
  incident: IncidentOut;
  statements: StatementOut[];
  /** A separate operation the same day, for incidents that have one. */
  events: EventOut[];
}

export class IncidentWriter {
  private readonly placeById: Map<string, PlaceOut>;
  private readonly townsByDistrict = new Map<string, PlaceOut[]>();

  constructor(
    private readonly r: Random,
    private readonly ctx: Context,
    private readonly sources: readonly SourceDraft[],
  ) {
    this.placeById = new Map(ctx.places.map((p) => [p.id, p]));
    for (const town of ctx.towns) {
      const list = this.townsByDistrict.get(town.within ?? '');
      if (list) list.push(town);
      else this.townsByDistrict.set(town.within ?? '', [town]);
    }
  }

  /** Incident number `n`, on `date`, with `count` claims. */
  write(n: number, date: string, count: number): GeneratedIncident {
    const s = this.scene(n, date);
    const covering = this.r.sample(this.sources, this.r.int(2, 6));
    for (const source of covering) source.incident ??= s.id;
    let relays = 0;
    for (let j = 0; j < count; j++) {
      const round = Math.floor(j / KINDS.length);
      const kind = nth(KINDS, j);
      // Rotated every round, so that each report covers every kind of claim; relays go to each
      // report in turn, so that several reports carry the same statement.
      const relay = kind === 'relay' ? relays++ : 0;
      const source =
        kind === 'relay'
          ? nth(covering, relay + Math.floor(relay / RELAYED.length))
          : nth(covering, j + round);
      const claimId = `${source.slug}.i${String(n).padStart(4, '0')}.c${j}`;
      const emit: Turn['emit'] = (sentence, quote, claim) => {
        if (!sentence.includes(quote)) throw new Error(`generator: quote not in its sentence: ${quote}`);
        source.current.push(typeset(sentence));
        source.claims.push({
          id: claimId,
          ...claim,
          quote,
          ...(source.incident === s.id ? {} : { incident: s.id }),
        });
      };
      WRITERS[kind](s, { j, round, relay, emit });
    }
    // One paragraph per incident in each report that covers it.
    for (const source of covering) {
      if (source.current.length > 0) {
        source.paragraphs.push(source.current.join(' '));
        source.current = [];
      }
    }
    return {
      incident: incidentRecord(s),
      statements: s.perpetrators ? [s.military, s.perpetrators] : [s.military],
      events: s.operation ? [s.operation.event] : [],
    };
  }

  private within(place: PlaceOut): PlaceOut {
    const found = this.placeById.get(place.within ?? '');
    if (!found) throw new Error(`generator: ${place.id} is within no known place`);
    return found;
  }

  private scene(n: number, date: string): Scene {
    const { r, ctx } = this;
    const number = String(n).padStart(4, '0');
    const town = nth(ctx.towns, n * 7);
    const district = this.within(town);
    const province = this.within(district);
    const country = this.within(province);
    const wing = MEDIA_WINGS[country.id] ?? { name: 'the military media wing', short: 'the military' };
    const target = r.pick(TARGETS);
    const method = r.pick(METHODS);
    const when = r.pick(TIMES);
    const group = r.chance(0.85) ? r.pick(ctx.groups) : undefined;
    const spokesman = group ? ctx.spokesmen.get(group.id) : undefined;
    const channel = r.pick(CHANNELS);
    const id = `i${number}-${slugify(town.name)}-${date}`;
    const truth = trueCounts(r);
    const real = (measure: string) => truth[measure] ?? 1;

    // A separate operation in the district the same day: figures for the whole day span both.
    const neighbours = (this.townsByDistrict.get(district.id) ?? []).filter((t) => t.id !== town.id);
    const operation =
      r.chance(0.2) && neighbours.length > 0
        ? {
            event: {
              id: `op-${number}-${slugify(district.name)}`,
              title: `Security operation against militant hide-outs near ${r.pick(neighbours).name}`,
              date,
              date_note: 'the same day as the attack, according to the military',
              place: district.id,
              kind: 'operation',
            } satisfies EventOut,
            soldiers: r.int(1, 4),
            militants: r.int(2, 12),
          }
        : undefined;

    // The original statements: the military's press release, and the perpetrators' claim.
    const official = (value: number, qualifier: 'exact' | 'at_least', counted: string): FigureOut => ({
      value,
      qualifier,
      counted: countedFor(value, counted),
    });
    return {
      r,
      ctx,
      n,
      id,
      date,
      town,
      district,
      province,
      country,
      wing,
      target,
      method,
      when,
      group,
      parent: group?.parent === undefined ? undefined : ctx.groups.find((g) => g.id === group.parent),
      spokesman,
      officials: ctx.officials.get(province.id) ?? [],
      channel,
      truth,
      operation,
      military: {
        id: `${id}.military`,
        speaker: SPEAKER.military(country.id),
        title: `${wing.short} statement of ${date}`,
        date,
        medium: 'press release',
      },
      officialFigures: {
        'killed.security_forces': official(
          Math.max(1, real('killed.security_forces') - r.int(0, 2)),
          r.chance(0.5) ? 'exact' : 'at_least',
          'soldiers',
        ),
        'attackers.killed': official(real('attackers.killed'), 'exact', 'attackers'),
        injured: official(Math.max(1, real('injured') - r.int(0, 5)), 'at_least', 'people'),
        'attackers.total': official(real('attackers.total'), 'exact', 'attackers'),
      },
      perpetrators:
        group && spokesman
          ? {
              id: `${id}.${group.id}-claim`,
              speaker: spokesman.id,
              title: `${group.short}'s claim of responsibility`,
              date,
              medium: channel.medium,
            }
          : undefined,
      claimedKilled: real('killed.security_forces') + r.int(0, 20),
      related: r.sample(ctx.eventsByDistrict.get(district.id) ?? ctx.events.slice(0, 3), 3),
    };
  }
}

function trueCounts(r: Random): Record<string, number> {
  const attackers = r.int(1, 8);
  const attackersKilled = r.int(1, attackers);
  const soldiers = r.int(2, 40);
  const civilians = r.int(0, 30);
  const injured = r.int(3, 80);
  return {
    killed: soldiers + civilians + attackersKilled,
    'killed.security_forces': soldiers,
    'killed.civilians': civilians,
    // The militants killed in the incident are its attackers.
    'killed.militants': attackersKilled,
    injured,
    'injured.critical': Math.max(1, Math.floor(injured / 5)),
    'attackers.total': attackers,
    'attackers.killed': attackersKilled,
    'attackers.suicide_bombers': Math.min(attackersKilled, r.int(1, 3)),
  };
}

function incidentRecord(s: Scene): IncidentOut {
  const { town, district, province, country, target, method, when } = s;
  return {
    id: s.id,
    title: `Attack on ${target.text} in ${town.name}, ${district.name}`,
    date: s.date,
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
    weapons: method.id.includes('bomb') ? ['explosives', 'firearms'] : ['firearms'],
    responsible_group: s.group?.id ?? null,
    summary: `Militants ${method.text} ${target.text} in ${town.name}, ${district.name} district, ${when.text}.`,
  };
}
