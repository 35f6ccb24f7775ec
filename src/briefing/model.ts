/**
 * The document model every handler fills: a title, a lead, sections of lines, and the sources
 * cited. The renderer alone turns it into Discord payloads or console text (src/render/), so the
 * limits and the no-mentions policy are enforced in one place for every reply and post.
 */

export type Tone = 'neutral' | 'conflict' | 'notice' | 'error';

export interface Section {
  heading: string;
  lines: string[];
}

export interface Briefing {
  title: string;
  description?: string;
  sections: Section[];
  /** Lines naming the sources cited, so a reader can follow them (outlet or headline, date, link). */
  sources?: string[];
  footer?: string;
  tone?: Tone;
  /**
   * The rest of a long reply, after its first message: lines the budget did not choose for the first
   * part, shown on the parts after it, a button away (src/briefing/budget.ts).
   */
  more?: Section[];
  /**
   * For a reply that lists (every report, every quote): the characters each part may hold, so each
   * message of it fits the budget of a reply; the parts follow one another in the list's order.
   */
  partBudget?: number;
}

/** A short notice ("unknown command", "not allowed"): a title and a few lines. */
export function notice(title: string, lines: readonly string[]): Briefing {
  return { title, sections: [], description: lines.join('\n'), tone: 'notice' };
}
