import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { jsonLdBlocks } from '../../../src/sources/page/json-ld-blocks.js';

/** What a full tokenizer finds: the scan must find exactly these blocks. */
function blocksByHtmlparser2(html: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script' && /^\s*application\/ld\+json\b/i.test(attributes.type ?? '')) current = [];
      },
      ontext(text) {
        current?.push(text);
      },
      onclosetag(name) {
        if (name === 'script' && current) {
          blocks.push(current.join(''));
          current = undefined;
        }
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
  return blocks;
}

const json = fc.oneof(
  fc.constant('{"@type":"LiveBlogPosting","headline":"港の速報（架空）"}'),
  fc.constant('{"articleBody":"<p>第1報</p><br/>a > b < c"}'),
  fc.constant('<!--\n{"@type":"BlogPosting"}\n-->'),
  fc.constant('//<![CDATA[\n{"a":1}\n//]]>'),
  fc.constant('{"html":"</scripts> </scriptx> <\\/script>"}'),
  fc.string({ maxLength: 12 }).filter((text) => !/<\/script/i.test(text)),
);
const ldType = fc.constantFrom('application/ld+json', 'APPLICATION/LD+JSON', ' application/ld+json; charset=utf-8', 'application/ld+json;profile=x', 'application/json', 'text/javascript', 'application/ld+jsonx', '');
const quoted = (value: string): fc.Arbitrary<string> => fc.constantFrom(`"${value}"`, `'${value}'`, value.includes(' ') || value === '' ? `"${value}"` : value);
const attribute = fc.oneof(
  fc.tuple(fc.constantFrom('type', 'TYPE', 'Type'), ldType).chain(([name, value]) => quoted(value).map((text) => `${name}=${text}`)),
  fc.constantFrom('id="ld"', "data-x='a > b'", 'data-y="<script type=application/ld+json>"', 'async', 'nonce=abc', 'class = "x"', '/', 'type'),
);
const attributes = fc.array(attribute, { maxLength: 4 }).map((list) => list.map((text) => ` ${text}`).join(''));
const scriptName = fc.constantFrom('script', 'SCRIPT', 'Script');
const closeTag = fc.constantFrom('</script>', '</SCRIPT>', '</script >', '</script\n>', '</script foo="bar">');

const fragment = fc.oneof(
  fc.tuple(scriptName, attributes, json, closeTag).map(([name, attrs, body, close]) => `<${name}${attrs}>${body}${close}`),
  fc.constantFrom(
    '<p>本文（架空）</p>',
    '<div class="live" data-a=\'>\'>更新</div>',
    'a < b and c <3 d',
    '<!-- <script type="application/ld+json">{"hidden":1}</script> -->',
    '<!---->',
    '<!-->',
    '<!--->',
    '<!-- a --!> b',
    '<![CDATA[ a > <script type="application/ld+json">{}</script> ]]>',
    '<!DOCTYPE html>',
    '<?xml version="1.0"?>',
    '<!bogus <script>',
    '</ bogus>',
    '</>',
    '<style>p { content: "<script type=application/ld+json>" }</style>',
    '<textarea><script type="application/ld+json">{"t":1}</script></textarea>',
    '<title>速報 <script type="application/ld+json"></title>',
    '<script>var s = "<script type=\\"application/ld+json\\">";</script>',
    '<xmp><script type=application/ld+json>{}</script></xmp>',
    '<br/><img src="x.jpg" alt="港">',
    '<scripts type="application/ld+json">{}</scripts>',
  ),
  fc.string({ maxLength: 6 }),
);

describe('jsonLdBlocks', () => {
  it('finds exactly the blocks htmlparser2 finds, on generated pages', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (parts) => {
        const html = parts.join('');
        expect(jsonLdBlocks(html)).toEqual(blocksByHtmlparser2(html));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds blocks whose type has parameters, in any case and attribute order', () => {
    const html = `<html><head><script async TYPE='Application/LD+JSON; charset=utf-8' id=a>{"a":1}</script>
      <script data-x="a>b" type=application/ld+json >{"b":2}</SCRIPT ></head></html>`;
    expect(jsonLdBlocks(html)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('skips scripts in comments and other raw text', () => {
    const html = '<!-- <script type="application/ld+json">{"no":1}</script> --><style><script type="application/ld+json">{}</script></style><script type="application/ld+json">{"yes":1}</script>';
    expect(jsonLdBlocks(html)).toEqual(['{"yes":1}']);
  });
});
