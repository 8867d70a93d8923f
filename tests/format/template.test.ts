import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from '../../src/format/template.js';
import { makeEntry } from '../helpers/entries.js';

const entry = makeEntry('e1', 35, {
  title: '共同声明\u001b]0;pwned\u0007を発表',
  body: '第1段落。\n\n第2段落\u001b[2J。',
  tags: ['会見', '港湾'],
  media: [{ caption: '写真', credit: '© 架空フォト / ホシノ・ミナト' }],
  links: [{ title: '図解', url: 'https://news.example/a' }],
});

describe('--format templates', () => {
  it('fills every field, with times in the chosen zone', () => {
    const template = compileTemplate('{date} {time} {iso} [{event}] {feed} {id} {title} | {tags} | {credits} | {links}');
    expect(template({ event: 'entry', feed: 'F', entry, timeZone: 'Asia/Tokyo' })).toBe(
      '2026-11-25 14:35 2026-11-25T14:35:00+09:00 [entry] F e1 共同声明を発表 | 会見, 港湾 | © 架空フォト / ホシノ・ミナト | https://news.example/a',
    );
    expect(template({ event: 'update', feed: 'F', entry, timeZone: 'UTC' }).slice(0, 16)).toBe('2026-11-25 05:35');
  });

  it('puts the body on one line without any control character', () => {
    const line = compileTemplate('{body}')({ event: 'entry', feed: 'F', entry, timeZone: 'UTC' });
    expect(line).toBe('第1段落。 第2段落。');
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('understands escapes and literal braces', () => {
    expect(compileTemplate('{{{id}}}\\t{id}\\n')({ event: 'entry', feed: 'F', entry, timeZone: 'UTC' })).toBe('{e1}\te1\n');
  });

  it('rejects unknown fields and unclosed braces with a message', () => {
    expect(() => compileTemplate('{nope}')).toThrow(TemplateError);
    expect(() => compileTemplate('{nope}')).toThrow(/unknown field \{nope\}/);
    expect(() => compileTemplate('{time')).toThrow(/unclosed/);
  });
});
