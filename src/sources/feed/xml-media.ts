import type { Media } from '../../schema/entities.js';
import { textFromMaybeHtml } from './feed-text.js';
import { attribute, children, childText, namespaces, resolveUrl, type Element } from './xml-tree.js';

/*
 * An item's pictures and files: Media RSS (media:content, possibly grouped in media:group, with
 * media:description and media:credit on the content, its group or the item, the nearest one
 * winning as the Media RSS spec says), media:thumbnail when there is no content, RSS enclosures
 * and Atom rel="enclosure" links. One media per picture: newsrooms list the same image at several
 * widths (`?w=140`, `?w=460`), which differ only in the query, and the widest is kept.
 */

const media = [namespaces.media];

/** The first of the scopes (nearest first) that has the Media RSS element, as text. */
function nearestText(scopes: readonly Element[], local: string): string | undefined {
  for (const scope of scopes) {
    const text = textFromMaybeHtml(childText(scope, media, local));
    if (text !== undefined) return text;
  }
  return undefined;
}

interface FoundMedia {
  readonly media: Media;
  /** The `width` attribute, 0 when not given. */
  readonly width: number;
}

function mediaFrom(element: Element, scopes: readonly Element[], base: string): FoundMedia | undefined {
  const url = resolveUrl(attribute(element, 'url'), base);
  if (url === undefined) return undefined;
  const caption = nearestText(scopes, 'description') ?? nearestText(scopes, 'title') ?? '';
  const credit = nearestText(scopes, 'credit');
  return { media: { caption, ...(credit === undefined ? {} : { credit }), url }, width: Number(attribute(element, 'width')) || 0 };
}

function mediaRss(item: Element, base: string): FoundMedia[] {
  const groups = children(item, media, 'group');
  const scopes = [item, ...groups];
  const contents = scopes.flatMap((scope) =>
    children(scope, media, 'content').map((content) => mediaFrom(content, scope === item ? [content, item] : [content, scope, item], base)),
  );
  if (contents.length > 0) return contents.filter((found) => found !== undefined);
  // Thumbnails are usually the content again, smaller: only shown when there is no content.
  return scopes
    .flatMap((scope) => children(scope, media, 'thumbnail').map((thumbnail) => mediaFrom(thumbnail, scope === item ? [item] : [scope, item], base)))
    .filter((found) => found !== undefined);
}

/** RSS `<enclosure url>` and Atom `<link rel="enclosure" href title>`. */
function enclosures(item: Element, base: string): FoundMedia[] {
  const rss = children(item, ['', namespaces.rss1], 'enclosure').map((enclosure) => ({ url: attribute(enclosure, 'url'), caption: undefined }));
  const atom = children(item, [namespaces.atom], 'link')
    .filter((link) => attribute(link, 'rel') === 'enclosure')
    .map((link) => ({ url: attribute(link, 'href'), caption: attribute(link, 'title') }));
  return [...rss, ...atom].flatMap(({ url, caption }) => {
    const resolved = resolveUrl(url, base);
    return resolved === undefined ? [] : [{ media: { caption: caption ?? '', url: resolved }, width: 0 }];
  });
}

/** The picture a URL shows, whatever size its query asks for; with the caption, so distinct pictures served by one script stay apart. */
function pictureKey({ media }: FoundMedia): string {
  const url = new URL(media.url ?? '');
  return `${url.origin}${url.pathname}\n${media.caption}`;
}

export function itemMedia(item: Element, base: string): Media[] {
  const byPicture = new Map<string, FoundMedia>();
  for (const found of [...mediaRss(item, base), ...enclosures(item, base)]) {
    const key = pictureKey(found);
    const kept = byPicture.get(key);
    if (kept === undefined || found.width > kept.width) byPicture.set(key, found);
  }
  return [...byPicture.values()].map((found) => found.media);
}
