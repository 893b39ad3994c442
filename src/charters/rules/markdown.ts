import markdownIt, { type MarkdownIt } from 'markdown-it';

/**
 * Article bodies are Markdown written by volunteers and read by everyone, so rendering is
 * closed by default: raw HTML is shown as text, images are off (they would call out to other
 * sites from every reader's browser), and links may only be web, mail or in-page addresses.
 */
const SAFE_LINK = /^(https?:\/\/|mailto:|#)/i;

function createRenderer(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: false });
  md.disable('image');
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  return md;
}

export const markdown = createRenderer();

/** HTML safe to place in a page: every tag comes from Markdown syntax, none from the text. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
