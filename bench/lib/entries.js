/** Deterministic ~600-byte Japanese entries for ingest and catch-up benchmarks. */

const phrases = [
  '港湾局（架空）によると、',
  '第2埠頭では午後から荷役作業が再開され、',
  '臨港線は15分間隔で運転している。',
  '会見でノヴァク港湾相は「航路の安全を最優先にする」と述べた。',
  '市内の気温は12℃、北西の風がやや強い。',
  'UNの専門家チーム（架空）が視察に入った。',
];

const start = Date.parse('2026-11-25T00:00:00+09:00');

/** Entries are 10 s apart, so the last one is the newest. */
export function benchEntry(index) {
  const time = new Date(start + index * 10_000).toISOString().replace('.000Z', 'Z');
  let body = '';
  for (let part = 0; body.length < 150; part += 1) body += phrases[(index + part) % phrases.length];
  return {
    id: `bench-${index}`,
    time,
    title: `速報${index}：ほしぞら港の運航状況（架空）`,
    body,
    tags: ['港湾', index % 2 === 0 ? '交通' : '会見'],
    media: [{ caption: '埠頭の様子', credit: '© 架空フォト / ホシノ・ミナト' }],
  };
}

/** The whole SSE stream: `count` entries then the ready marker, as one string. */
export function sseStream(count) {
  const parts = [];
  for (let index = 0; index < count; index += 1) {
    parts.push(`id: ${index + 1}\nevent: entry\ndata: ${JSON.stringify(benchEntry(index))}\n\n`);
  }
  parts.push('event: ready\ndata: {}\n\n');
  return parts.join('');
}

/** `count` corrections of one entry (each an `update` with a new body), then the ready marker. */
export function sseCorrectionsStream(count) {
  const parts = [];
  const entry = benchEntry(0);
  for (let index = 0; index < count; index += 1) {
    parts.push(`id: ${index + 1}\nevent: update\ndata: ${JSON.stringify({ ...entry, body: `${entry.body}（訂正${index}）` })}\n\n`);
  }
  parts.push('event: ready\ndata: {}\n\n');
  return parts.join('');
}
