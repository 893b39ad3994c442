// @ts-check
/**
 * Lays out a PDF on a worker thread, so that a long document never holds the server's event loop.
 * Plain JavaScript: the same file runs from the sources under Vitest and from dist, where the build
 * copies it (allowJs). Only data crosses to a worker, so the footer comes described, not as a function.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {{ addFonts(fonts: object): void; setUrlAccessPolicy(allow: (url: string) => boolean): void; setLocalAccessPolicy(allow: (path: string) => boolean): void; createPdf(definition: object): { getBuffer(): Promise<Buffer> } }} */
const pdfmake = require('pdfmake');
// Roboto, shipped with pdfmake, covers French and most Latin scripts.
pdfmake.addFonts(require('pdfmake/fonts/Roboto.js'));
// A document never fetches anything: no image or font from a URL, nor any file but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.includes('/pdfmake/fonts/'));

/**
 * @param {import('./pdf.js').PageFooter} footer
 * @param {number} page
 * @param {number} pages
 */
function footerOf(footer, page, pages) {
  const label = { text: footer.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages)), fontSize: 8, color: '#666666', alignment: 'right' };
  if (footer.left === undefined) return { ...label, margin: footer.margin };
  return { columns: [{ text: footer.left, fontSize: 8, color: '#666666' }, { ...label, width: 'auto' }], margin: footer.margin };
}

/**
 * A level-1 headline (an article's title) never ends a page alone.
 * @param {{ headlineLevel?: number }} node
 * @param {{ getFollowingNodesOnPage(): unknown[] }} following
 */
const headlineAlone = (node, following) => node.headlineLevel === 1 && following.getFollowingNodesOnPage().length === 0;

/** @param {import('./pdf.js').PrintJob} job */
export default async function print(job) {
  const definition = {
    ...job.definition,
    footer: (/** @type {number} */ page, /** @type {number} */ pages) => footerOf(job.footer, page, pages),
    ...(job.keepHeadlinesWithText ? { pageBreakBefore: headlineAlone } : {}),
  };
  return new Uint8Array(await pdfmake.createPdf(definition).getBuffer());
}
