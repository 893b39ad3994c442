import { Feed } from 'feed';
import { markdown, renderMarkdown } from '../charters/rules/markdown.js';
import type { publicFeedEntries } from './queries.js';
import { licenceDeedUrl, licenceShortName, publicFeedPath, publicFilePath, publicWebPath, type OpenLicence } from './rules.js';

type FeedEntries = Awaited<ReturnType<typeof publicFeedEntries>>;

/** How many of each kind the feed carries: the latest, as readers only look for what is new. */
export const FEED_ENTRIES = 50;

const escapeHtml = markdown.utils.escapeHtml;
/** A link resource's address is checked when added; a feed links only to web addresses all the same. */
const WEB_ADDRESS = /^https?:\/\//i;
const rights = (licence: OpenLicence) => `${licenceShortName(licence)} ${licenceDeedUrl(licence, 'fr')}`;
const paragraph = (text: string) => (text === '' ? '' : `<p>${escapeHtml(text)}</p>`);
const linkTo = (url: string, text: string) => `<p><a href="${escapeHtml(url)}">${escapeHtml(text)}</a></p>`;

/**
 * A partnership's public feed in Atom, written by the `feed` library: every published resource and
 * experience article with its text (Markdown rendered by the charters' closed renderer, plain
 * text escaped), its author when named, its licence as the entry's rights, and the address of its
 * public page. French, as the public pages read first; titles are plain text, escaped, as Atom's
 * `type="html"` asks.
 */
export function atomFeed(entries: FeedEntries, publicUrl: string): string {
  const { partnership } = entries;
  const pageUrl = `${publicUrl}${publicWebPath.page(partnership.id)}`;
  const items = [
    ...entries.resources.map((resource) => {
      const link = `${publicUrl}${publicWebPath.resource(partnership.id, resource.id)}`;
      const content =
        resource.kind === 'article' && resource.body !== null
          ? renderMarkdown(resource.body)
          : resource.kind === 'link' && resource.url !== null
            ? `${paragraph(resource.summary)}${WEB_ADDRESS.test(resource.url) ? linkTo(resource.url, resource.url) : ''}`
            : `${paragraph(resource.summary)}${linkTo(`${publicUrl}${publicFilePath(partnership.id, resource.id)}`, 'Télécharger le fichier')}`;
      return { title: resource.title, link, date: resource.publishedAt, summary: resource.summary, content, author: resource.author, licence: resource.licence };
    }),
    ...entries.articles.map((article) => ({
      title: article.title ?? (article.kind === 'nugget' ? 'Une pépite de la moisson' : 'Un caillou de la moisson'),
      link: `${publicUrl}${publicWebPath.article(partnership.id, article.id)}`,
      date: article.publishedAt,
      summary: '',
      content: renderMarkdown(article.text),
      author: article.author,
      licence: article.licence,
    })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime());
  const feed = new Feed({
    id: pageUrl,
    title: partnership.name,
    link: pageUrl,
    feedLinks: { atom: `${publicUrl}${publicFeedPath(partnership.id)}` },
    language: 'fr',
    // Atom wants an author for the feed when an entry names none: the partnership that publishes.
    author: { name: partnership.name },
    updated: items[0]!.date,
    generator: 'Entente',
  });
  for (const item of items) {
    feed.addItem({
      title: escapeHtml(item.title),
      id: item.link,
      link: item.link,
      date: item.date,
      published: item.date,
      ...(item.summary === '' ? {} : { description: escapeHtml(item.summary) }),
      content: item.content,
      ...(item.author === null ? {} : { author: [{ name: item.author }] }),
      copyright: rights(item.licence),
    });
  }
  return feed.atom1();
}
