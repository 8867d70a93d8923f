import { DomUtils, parseDocument } from 'htmlparser2';

/*
 * A namespace-aware view of feed XML. The tree comes from htmlparser2 in XML mode (already the
 * project's HTML tokenizer; forgiving of the bare `&`s and stray tags real feeds carry, where a
 * strict XML parser would reject the whole document). htmlparser2 keeps `dc:date` as a plain
 * name, so prefixes are resolved here against the `xmlns:` declarations in scope: feeds are free
 * to call Dublin Core `dc2:` or Atom `a:`, and Atom's own elements often have no prefix at all.
 */

type XmlDocument = ReturnType<typeof parseDocument>;
export type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

export const namespaces = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
} as const;

/** What a prefix means when a sloppy feed uses it without declaring it. */
const conventionalPrefixes: Readonly<Record<string, string>> = {
  atom: namespaces.atom, rdf: namespaces.rdf, dc: namespaces.dc, dcterms: namespaces.dcterms,
  content: namespaces.content, media: namespaces.media,
};

/** Namespaces that mean the same thing under two spellings. */
const sameNamespace: Readonly<Record<string, string>> = {
  'http://search.yahoo.com/mrss': namespaces.media,
  [namespaces.atom03]: namespaces.atom,
};

export interface QualifiedName {
  /** The namespace URI, '' for none (RSS 2.0's own elements). */
  readonly ns: string;
  readonly local: string;
  /** `local` lower-cased once: every lookup compares it (RSS writes pubDate and pubdate). */
  readonly lowerLocal: string;
}

function lookupNamespace(element: Element, prefix: string): string | undefined {
  const attribute = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let node: Element | null = element; node; node = node.parent as Element | null) {
    const declared = node.attribs?.[attribute];
    if (declared !== undefined) return declared.trim();
  }
  return prefix === '' ? '' : conventionalPrefixes[prefix];
}

const qualifiedNames = new WeakMap<Element, QualifiedName>();

export function qualifiedName(element: Element): QualifiedName {
  let name = qualifiedNames.get(element);
  if (name === undefined) {
    const colon = element.name.indexOf(':');
    const prefix = colon < 0 ? '' : element.name.slice(0, colon);
    const ns = lookupNamespace(element, prefix) ?? prefix;
    const local = element.name.slice(colon + 1);
    name = { ns: sameNamespace[ns] ?? ns, local, lowerLocal: local.toLowerCase() };
    qualifiedNames.set(element, name);
  }
  return name;
}

/** Whether the element is `local` in one of the namespaces (local names compared without case). */
export function isNamed(element: Element, nsList: readonly string[], local: string): boolean {
  const name = qualifiedName(element);
  return name.lowerLocal === local.toLowerCase() && nsList.includes(name.ns);
}

export function childElements(element: Element | XmlDocument): Element[] {
  return DomUtils.getElementsByTagName(() => true, element.children, false);
}

export function children(element: Element, nsList: readonly string[], local: string): Element[] {
  return childElements(element).filter((child) => isNamed(child, nsList, local));
}

export function child(element: Element, nsList: readonly string[], local: string): Element | undefined {
  return childElements(element).find((node) => isNamed(node, nsList, local));
}

/** The element's text (CDATA included, XML entities decoded), trimmed; undefined when empty. */
export function textOf(element: Element | undefined): string | undefined {
  if (element === undefined) return undefined;
  const text = DomUtils.textContent(element).trim();
  return text === '' ? undefined : text;
}

export function childText(element: Element, nsList: readonly string[], local: string): string | undefined {
  return textOf(child(element, nsList, local));
}

/** The markup inside an element (Atom's type="xhtml" content). */
export function innerXml(element: Element): string {
  return DomUtils.getInnerHTML(element, { xmlMode: true });
}

export function attribute(element: Element, name: string): string | undefined {
  const value = element.attribs[name]?.trim();
  return value === '' ? undefined : value;
}

/** The document's root element, or undefined when there is no markup at all. */
export function parseXmlRoot(text: string): Element | undefined {
  const document = parseDocument(text, { xmlMode: true });
  return childElements(document)[0];
}

/** A URL resolved against a base (xml:base or the document's own URL); unusable ones dropped. */
export function resolveUrl(url: string | undefined, base: string): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}
