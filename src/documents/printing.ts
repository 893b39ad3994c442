import { sql, type Kysely } from 'kysely';
import type { Locale } from '../i18n/server-messages.js';
import { Printer, type PrintAnchor, type PrintingOptions, type PrintJob } from './pdf.js';
import { journalAnchor } from '../journal/anchor.js';
import { sealJournal } from '../journal/journal-store.js';
import type { Database } from '../common/database/schema.js';

/** A frozen document in one of its frozen states, in one language. */
export interface FrozenDocument {
  readonly partnershipId: string;
  /** The meeting, or the charter version. */
  readonly subjectId: string;
  /** The frozen state printed: see migration 023. */
  readonly edition: string;
  readonly locale: Locale;
}

/**
 * Documents as PDF, laid out off the event loop. What can no longer change is printed once and
 * kept (table printed_document): nothing invalidates it, since nothing it shows changes, except
 * a person's erasure, which deletes the partnership's kept documents with their name.
 */
export class Printing {
  private readonly printer: Printer;
  /** Kept documents being printed, so that a burst of readers shares one printing. */
  private readonly underway = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly db: Kysely<Database>,
    options?: PrintingOptions,
  ) {
    this.printer = new Printer(options);
  }

  /**
   * The partnership's journal head now, which the document about to be printed will carry: once the
   * acts committed before it are chained (they answer before their seal ends).
   */
  async anchor(partnershipId: string, now: Date): Promise<PrintAnchor> {
    await sealJournal(this.db, partnershipId).catch(() => undefined);
    return { ...(await journalAnchor(this.db, partnershipId)), printedAt: now };
  }

  /** A document that may still change (a draft, a register): printed afresh each time. */
  print(job: PrintJob): Promise<Buffer> {
    return this.printer.print(job);
  }

  /**
   * A frozen document: the PDF first printed, or printed now and kept. It carries the journal's
   * head of its first printing, which stays a valid anchor: a head once seen.
   */
  async kept(document: FrozenDocument, job: () => Promise<PrintJob>): Promise<Buffer> {
    const stored = await this.stored(document);
    if (stored) return stored;
    const key = `${document.subjectId} ${document.edition} ${document.locale}`;
    const underway = this.underway.get(key);
    if (underway) return underway;
    const printing = this.printAndKeep(document, job).finally(() => this.underway.delete(key));
    this.underway.set(key, printing);
    return printing;
  }

  close(): Promise<void> {
    return this.printer.close();
  }

  private async printAndKeep(document: FrozenDocument, job: () => Promise<PrintJob>): Promise<Buffer> {
    const erasedBefore = await erasedCount(this.db, document.partnershipId);
    const pdf = await this.printer.print(await job());
    const kept = await this.db.transaction().execute(async (trx) => {
      // An erasure holds the partnership's row while it deletes kept documents: once it has committed,
      // a printing that read the names before it must not be kept, or the name would outlive the erasure.
      await trx.selectFrom('partnership').select('id').where('id', '=', document.partnershipId).forShare().execute();
      if ((await erasedCount(trx, document.partnershipId)) !== erasedBefore) return false;
      await trx
        .insertInto('printed_document')
        .values({ subject_id: document.subjectId, edition: document.edition, locale: document.locale, partnership_id: document.partnershipId, pdf })
        .onConflict((oc) => oc.columns(['subject_id', 'edition', 'locale']).doNothing())
        .execute();
      return true;
    });
    // Another server instance may have kept its printing first: every reader gets that one.
    return (kept && (await this.stored(document))) || pdf;
  }

  private async stored(document: FrozenDocument): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('printed_document')
      // PGlite hands bytea over as hex parsed in JavaScript on the event loop (11 ms for 150 kB);
      // as base64 text, Node decodes it natively (1 ms). Node's decoder skips PostgreSQL's line breaks.
      .select(sql<string>`encode(pdf, 'base64')`.as('pdf'))
      .where('subject_id', '=', document.subjectId)
      .where('edition', '=', document.edition)
      .where('locale', '=', document.locale)
      .executeTakeFirst();
    return row && Buffer.from(row.pdf, 'base64');
  }
}

async function erasedCount(db: Kysely<Database>, partnershipId: string): Promise<number> {
  const { erased } = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<string>().as('erased'))
    .where('partnership_id', '=', partnershipId)
    .where('erased_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(erased);
}
