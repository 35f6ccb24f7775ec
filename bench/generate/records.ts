/**
 * The records the generator writes, typed by the dataset's one schema (what a curator may write,
 * before defaults): a generated file that the loader would reject does not compile.
 */
import type { z } from 'zod';
import type {
  Claim,
  Event,
  Group,
  Incident,
  Measure,
  OriginalStatement,
  Person,
  Place,
  Point,
  Position,
  Source,
  SpeakerDeclaration,
} from '../../src/dataset/schema.js';

export type ClaimOut = z.input<typeof Claim>;
export type FigureOut = NonNullable<ClaimOut['figure']>;
export type SpeakerOut = NonNullable<ClaimOut['speaker']>;
export type SourceOut = z.input<typeof Source>;
export type IncidentOut = z.input<typeof Incident>;
export type PlaceOut = z.input<typeof Place>;
export type PersonOut = z.input<typeof Person>;
export type EventOut = z.input<typeof Event>;
export type MeasureOut = z.input<typeof Measure>;
export type SpeakerDeclarationOut = z.input<typeof SpeakerDeclaration>;
export type StatementOut = z.input<typeof OriginalStatement>;
export type PointOut = z.input<typeof Point>;
export type PositionOut = z.input<typeof Position>;

/** A group as written, with what the generator needs besides: its short name and the group it split from. */
export type GroupDraft = z.input<typeof Group> & { short: string; parent?: string };
