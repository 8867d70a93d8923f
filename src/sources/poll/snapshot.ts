import type { Blog, Entry } from '../../schema/feed.js';

/*
 * What a polled source (a live-blog page, an RSS/Atom/RDF/JSON feed) makes of one fetched
 * document. The poller diffs consecutive snapshots into entry/update/delete events, so a parser
 * only has to say what the document holds now.
 */

export interface Snapshot {
  /** The blog the document describes (title, url, LIVE/ENDED), when it says. */
  readonly blog?: Blog;
  /** Every entry the document holds now, in any order; ids unique and stable across polls. */
  readonly entries: readonly Entry[];
  /** How long the document says it stays fresh (RSS `ttl`), a floor for the poll interval. */
  readonly ttlSeconds?: number;
  /** Problems worth one line each but not fatal (undecodable bytes, skipped items). */
  readonly notices?: readonly string[];
}

export interface FetchedDocument {
  readonly body: Uint8Array;
  /** The `Content-Type` header as sent, charset included. */
  readonly contentType: string | undefined;
  /** The URL the document came from, after redirects: relative links resolve against it. */
  readonly url: string;
}

export type ParseResult = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly error: string };

export type DocumentParser = (document: FetchedDocument) => ParseResult;
