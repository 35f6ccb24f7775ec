/**
 * A checked dataset sent from a worker thread in pieces. Copying a whole dataset between threads
 * is one structured clone, read on the receiving side in one go (some 300 ms for 100,000 claims,
 * with the event loop held throughout); in pieces of at most `CLAIMS_PER_PIECE` claims, each read
 * costs a few milliseconds and is followed by a turn of the event loop (see worker-load.ts).
 */
import { type Dataset, DatasetAssembly, type DatasetParts, type SourceRecord } from '../dataset/dataset.js';
import type { Problem } from '../dataset/problems.js';
import type { Claim, ContextFile, Incident } from '../dataset/schema.js';

/** Claims per piece: about 450 kB of data and 5 ms of reading on the receiving side. */
export const CLAIMS_PER_PIECE = 1000;
const INCIDENTS_PER_PIECE = 2000;

/** What the worker sends, in this order: `context`, `incidents`…, then per source `source` and `claims`…, `done`. */
export type Piece =
  | { kind: 'context'; context: ContextFile[] }
  | { kind: 'incidents'; incidents: Incident[] }
  | { kind: 'source'; source: SourceRecord }
  | { kind: 'claims'; claims: Claim[] }
  | { kind: 'done'; version: string }
  /** The data has problems: every one of them, as `npm run validate` lists them. */
  | { kind: 'refused'; problems: Problem[]; total: number }
  /** Something other than the data went wrong (a bug, memory): the reason. */
  | { kind: 'failed'; message: string; stack?: string | undefined };

/** The pieces of a checked dataset, in the order the receiver needs them. */
export function* piecesOf(parts: DatasetParts): Generator<Piece> {
  yield { kind: 'context', context: [...parts.context] };
  for (let i = 0; i < parts.incidents.length; i += INCIDENTS_PER_PIECE) {
    yield { kind: 'incidents', incidents: parts.incidents.slice(i, i + INCIDENTS_PER_PIECE) };
  }
  for (const { claims, ...source } of parts.sources) {
    yield { kind: 'source', source };
    for (let i = 0; i < claims.length; i += CLAIMS_PER_PIECE) {
      yield { kind: 'claims', claims: claims.slice(i, i + CLAIMS_PER_PIECE) };
    }
  }
  yield { kind: 'done', version: parts.version };
}

/**
 * Puts the pieces back together as they arrive. `take` returns the dataset once `done` arrives,
 * and throws on a piece out of order: the two sides are built from one list of kinds.
 */
export class DatasetReceiver {
  private context: ContextFile[] | undefined;
  private readonly incidents: Incident[] = [];
  private assembly: DatasetAssembly | undefined;
  private source: SourceRecord | undefined;

  take(piece: Piece): Dataset | undefined {
    switch (piece.kind) {
      case 'context':
        this.context = piece.context;
        return undefined;
      case 'incidents':
        this.incidents.push(...piece.incidents);
        return undefined;
      case 'source':
        this.source = this.started().addSource(piece.source);
        return undefined;
      case 'claims':
        if (!this.source) throw new Error('dataset pieces: claims before their source');
        this.started().addClaims(this.source, piece.claims);
        return undefined;
      case 'done':
        return this.started().finish(piece.version);
      default:
        throw new Error(`dataset pieces: unexpected ${piece.kind}`);
    }
  }

  /** The assembly, begun once the context and incidents are in (they come before any source). */
  private started(): DatasetAssembly {
    if (!this.context) throw new Error('dataset pieces: a source before the context');
    this.assembly ??= new DatasetAssembly(this.context, this.incidents);
    return this.assembly;
  }
}
