import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { TFunction } from 'i18next';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { translator, type Locale } from '../i18n/server-messages.js';
import type { JournalAnchor } from '../journal/anchor.js';
import { formatSignedAt } from '../charters/print/blocks.js';

/** The footer of every page: an optional line on the left, the page number on the right. */
export interface PageFooter {
  readonly left?: string;
  /** The page label with `{page}` and `{pages}` where the numbers go. */
  readonly pageLabel: string;
  readonly margin: [number, number, number, number];
}

/** The footer of a document in the reader's language, the page numbers filled in by the worker. */
export function pageFooter(t: TFunction, margin: PageFooter['margin'], left?: string): PageFooter {
  return { pageLabel: t('print.page', { page: '{page}', pages: '{pages}' }), margin, ...(left !== undefined && { left }) };
}

/** The journal's head when a document was first printed, and the day: the document ends with it. */
export interface PrintAnchor extends JournalAnchor {
  readonly printedAt: Date;
}

/** The last line of every printed document: a head anyone can check later with `entente journal verify --anchor`. */
export function anchorLine(locale: Locale, anchor: PrintAnchor): Content {
  const line = translator(locale)('print.journalAnchor', { date: formatSignedAt(locale, anchor.printedAt), seq: anchor.seq, hash: anchor.hash });
  return { text: line, fontSize: 7.5, color: '#666666', margin: [0, 18, 0, 0] };
}

/** A document to print: only data, since it crosses to a worker thread (pdf-worker.js). */
export interface PrintJob {
  readonly definition: Omit<TDocumentDefinitions, 'footer' | 'pageBreakBefore'>;
  readonly footer: PageFooter;
  /** An article's title never ends a page alone. */
  readonly keepHeadlinesWithText?: boolean;
}

export interface PrintingOptions {
  /** Worker threads laying out PDFs at once. */
  readonly threads: number;
  /** Documents waiting for a thread; one more is refused until a thread frees up. */
  readonly queue: number;
}

/** One core stays with the event loop, which answers every partnership. */
export const DEFAULT_PRINTING: PrintingOptions = { threads: Math.min(4, Math.max(1, availableParallelism() - 1)), queue: 16 };

/** Every thread is printing and the queue is full: the reader may try again shortly. */
export class PrintersBusy extends Error {
  readonly statusCode = 503;
  constructor() {
    super('every printer is busy');
  }
}

/**
 * Lays out PDFs on a capped pool of worker threads (piscina), at a lower priority than the event
 * loop: a document of any length then delays nobody's request but the one waiting for it.
 */
export class Printer {
  private readonly pool: Piscina<PrintJob, Uint8Array>;

  constructor(private readonly options: PrintingOptions = DEFAULT_PRINTING) {
    this.pool = new Piscina({
      // .js beside this module both in src (under Vitest) and in dist.
      filename: new URL('./pdf-worker.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: options.threads,
      maxQueue: options.queue,
      // Starting a thread loads pdfmake and its fonts: keep one a minute after its last document.
      idleTimeout: 60_000,
      niceIncrement: 10,
    });
  }

  async print(job: PrintJob): Promise<Buffer> {
    if (this.pool.queueSize >= this.options.queue) throw new PrintersBusy();
    const bytes = await this.pool.run(job);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
