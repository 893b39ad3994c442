import { afterEach, describe, expect, it } from 'vitest';
import { Printer, PrintersBusy, type PrintJob } from '../../src/documents/pdf.js';
import { pdfText } from '../support/pdf-text.js';

const job = (text: string): PrintJob => ({
  definition: { pageSize: 'A4', defaultStyle: { font: 'Roboto' }, content: [{ text }, { text: 'suite', pageBreak: 'before' }] },
  footer: { left: 'Licence CC BY', pageLabel: 'Page {page} sur {pages}', margin: [48, 20, 48, 0] },
});

describe('the printer', () => {
  let printer: Printer | undefined;
  afterEach(() => printer?.close());

  it('lays out a PDF on a worker thread, the footer numbered page by page', async () => {
    printer = new Printer({ threads: 1, queue: 4 });
    const pages = await pdfText(new Uint8Array(await printer.print(job('Compte rendu du comité'))));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Compte rendu du comité');
    expect(pages[0]).toContain('Licence CC BY');
    expect(pages[0]).toContain('Page 1 sur 2');
    expect(pages[1]).toContain('Page 2 sur 2');
  });

  it('refuses a document beyond its queue, and prints those it took', async () => {
    printer = new Printer({ threads: 1, queue: 1 });
    const results = await Promise.allSettled(['un', 'deux', 'trois', 'quatre'].map((text) => printer!.print(job(text))));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((result) => result.reason instanceof PrintersBusy)).toBe(true);
    const printed = results.filter((result) => result.status === 'fulfilled');
    expect(printed.length).toBeGreaterThan(0);
    for (const result of printed) expect(result.value.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
