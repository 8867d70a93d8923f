import type { Blog, Entry, FeedEvent } from '../schema/feed.js';
import { formatNdjsonLine } from '../schema/ndjson.js';

/*
 * The built-in sample live blog for `livetail demo`: an original, entirely fictional story.
 * The city, the countries, the people, the agencies and the photographers are invented; every
 * URL is on the reserved `news.example` / `example.invalid` domains. Publication order, oldest
 * first: the blog (live), 35 entries over four and a half hours of story time with one
 * correction (update) and one deletion, a closing entry, then the blog again with status ended.
 */

const DAY = '2026-11-25';
const at = (hhmm: string): string => `${DAY}T${hhmm}:00+09:00`;

const PHOTO_A = '© 架空フォト / ホシノ・ミナト';
const PHOTO_B = '© 星空通信（架空） / ツキシマ・ハル';
const TOPIC = ['ほしぞら港湾サミット'];

export const sampleBlogInfo: Blog = {
  id: 'hoshizora-summit-2026',
  title: 'ほしぞら港湾サミット（架空）',
  url: 'https://news.example/live/hoshizora-summit',
  section: '国際',
  topic: { id: 'hoshizora-summit', name: 'ほしぞら港湾サミット', count: 12 },
  tags: ['港湾', '会見', '交通', '天気'],
  lang: 'ja',
  tz: 'Asia/Tokyo',
  status: 'live',
};

function entry(fields: Omit<Entry, 'tags' | 'body'> & { tags?: string[]; body?: string }): Entry {
  return { body: '', tags: [], topics: TOPIC, ...fields };
}

const e = {
  opening: entry({
    id: 'hs-01',
    time: at('13:00'),
    title: 'ほしぞら港湾サミット、まもなく開幕',
    body:
      '架空の港町・ほしぞら市で25日午後、環太平洋の港湾都市の代表が集まる「ほしぞら港湾サミット（架空）」が開幕する。12の国と地域から約300人が参加し、航路の安全、港の脱炭素化、災害時の物資輸送の3つを主な議題とする。\n\n' +
      'このページでは会場の様子や会見の内容を随時お伝えする。（登場する都市、国、人物、団体はすべて架空です）',
    tags: ['港湾', '会見'],
    key: true,
    links: [
      {
        title: '【図解】ほしぞら港湾サミットとは',
        url: 'https://news.example/hoshizora/explainer',
        summary: '参加する12の都市と3つの議題を1枚の図で整理した。',
      },
    ],
  }),
  arrival: entry({
    id: 'hs-02',
    time: at('13:04'),
    tags: ['港湾'],
    media: [
      {
        caption: '会場のほしぞら国際埠頭ホールに到着する各国の代表団',
        credit: PHOTO_A,
        url: 'https://news.example/photos/hs-02.jpg',
      },
    ],
  }),
  ceremony: entry({
    id: 'hs-03',
    time: at('13:10'),
    title: '開会式、アマミヤ市長があいさつ',
    body:
      '開会式で、ほしぞら市のアマミヤ・ケイ市長は「港は海と陸の境目ではなく、人と人をつなぐ結び目だ」と述べ、各都市の代表に協力を呼びかけた。市長は、昨年の台風で埠頭のクレーン4基が止まり、島しょ部への燃料輸送が3日間途絶えた経験に触れ、「一つの港が止まれば、その先の暮らしが止まる。港同士が互いの予備になる仕組みをこのサミットでつくりたい」と語った。\n\n' +
      '会場からは大きな拍手が起きた。',
    tags: ['会見'],
  }),
  weather: entry({
    id: 'hs-04',
    time: at('13:15'),
    title: '会場周辺は雨、夕方にかけて北西の風強まる',
    body:
      '星空地方気象台（架空）によると、ほしぞら市では午後にかけて雨が続き、夕方は北西の風が強まる見込み。沿岸部には強風注意報が出ている。島しょ部を結ぶフェリーの一部は、午後4時以降の便を欠航する可能性があるという。',
    tags: ['天気', '交通'],
  }),
  english: entry({
    id: 'hs-05',
    time: at('13:21'),
    title: 'Summit opens under grey skies',
    body:
      'Delegates from 12 fictional port cities filed into the Hoshizora International Pier Hall this afternoon as a steady drizzle settled over the harbour. Our correspondent in the press room describes the mood as "cautiously upbeat": nobody expects a breakthrough on day one, but everyone wants to leave with a shared plan for keeping ships moving when storms close a port.',
    tags: ['港湾', 'English'],
  }),
  traffic: entry({
    id: 'hs-06',
    time: at('13:28'),
    title: '会場周辺で交通規制、臨港線は一部運休',
    body:
      '会場周辺の道路では午後6時まで交通規制が敷かれている。ほしぞら臨港鉄道（架空）の臨港線は、埠頭前―灯台公園間で運転を見合わせている。市は埠頭前駅から会場まで15分間隔で臨時バスを出している。',
    tags: ['交通'],
  }),
  minister: entry({
    id: 'hs-07',
    time: at('13:35'),
    title: 'ルミナ共和国の港湾相「航路の安全を最優先」',
    body:
      'ルミナ共和国（架空）のセレス・ノヴァク港湾相は基調演説で、「どの港も単独では嵐に勝てない」と述べ、航路の安全を最優先課題に掲げた。各港の気象情報と入港予定を共有する「共通運航掲示板」の創設を提案した。',
    tags: ['会見', '安全保障'],
    key: true,
  }),
  banner: entry({
    id: 'hs-08',
    time: at('13:41'),
    body: '環境団体のメンバーら約50人が、埠頭の前で「港に青い空を」と書かれた横断幕を掲げた。',
    tags: ['環境'],
    media: [{ caption: '（写真）埠頭の前で横断幕を掲げる市民グループ', credit: PHOTO_B }],
  }),
  korean: entry({
    id: 'hs-09',
    time: at('13:47'),
    title: '한국어 요약: 개막식 분위기',
    body:
      '가상의 항구 도시 호시조라시에서 항만 정상회의가 개막했습니다. 부두 앞 광장에는 비가 내리는 가운데 시민 수백 명이 모여 각국 대표단을 맞이했습니다.',
    tags: ['港湾'],
  }),
  explainer: entry({
    id: 'hs-10',
    time: at('13:55'),
    title: '解説：なぜ今「港湾」なのか',
    body:
      'ほしぞら市の港は、年間約80万個のコンテナを扱う地域最大の物流拠点だ。一方で、大型化するコンテナ船に合わせた岸壁の改修、荷役機械の電動化、人手不足の解消と、課題は山積している。とくに脱炭素化では、停泊中の船に陸から電力を送る設備の整備に1基あたり数十億円かかるとされ、1つの都市だけでは負担しきれないとの声が強い。今回のサミットで各都市が設備の規格をそろえ、共同で調達する道筋を描けるかが焦点になる。\n\n' +
      '港湾政策に詳しいほしぞら海洋大学（架空）のクロサキ・ユウ教授は「規格がそろえば、どの港に寄っても同じプラグで電気を受けられる。船会社にとっての利点は大きい」と話す。',
    tags: ['経済', '環境'],
    links: [
      {
        title: '【解説】港の脱炭素、3つの論点',
        url: 'https://news.example/hoshizora/decarbonization',
        summary: '陸上電力、燃料転換、荷役の電動化。費用は誰が負担するのか。',
      },
    ],
  }),
  chinese: entry({
    id: 'hs-11',
    time: at('14:02'),
    title: '中文摘要：星空港峰会首日',
    body: '来自十二个虚构港口城市的代表出席了开幕式。会场外下着小雨，市民排起了长队，等待参观停靠在港内的训练帆船。',
    tags: ['港湾'],
  }),
  outside: entry({
    id: 'hs-12',
    time: at('14:08'),
    title: '📣 会場の外から',
    body: '🚢 港内には各国の練習帆船3隻が停泊中。雨の中、見学の列は200メートルほどに伸びている。⚓🌧️',
    tags: ['港湾'],
  }),
  shipping: entry({
    id: 'hs-13',
    time: at('14:15'),
    title: '海運大手MD「燃料の共同調達を」',
    body:
      '北洋連邦（架空）の海運大手ノルド・ライン社のMD（マネージング・ディレクター）、オーレ・ヴァルタリ氏は分科会で、LNGなど次世代燃料の共同調達を提案した。「港ごとに値段がばらばらでは、船は安い港にしか寄らなくなる」と述べた。',
    tags: ['経済', 'LNG'],
  }),
  accidents: entry({
    id: 'hs-14',
    time: at('14:22'),
    title: 'UN海洋事務局（架空）の担当官が講演',
    body:
      'UN海洋事務局（架空）のリン・メイファ担当官は講演で、加盟港で起きた船舶事故が前年比2割減ったと報告した。入港前の気象情報の共有が進んだことが大きいという。',
    tags: ['会見', 'UN'],
  }),
  lecture: entry({
    id: 'hs-15',
    time: at('14:30'),
    tags: ['会見'],
    media: [
      {
        caption: '講演するUN海洋事務局（架空）のリン・メイファ担当官',
        credit: PHOTO_A,
        url: 'https://news.example/photos/hs-15.jpg',
      },
    ],
  }),
  twoPlusTwo: entry({
    id: 'hs-16',
    time: at('14:36'),
    title: '2+2会合、午後5時から',
    body:
      'ルミナ共和国と北洋連邦は、外相と港湾相による「2+2」会合を午後5時から会場内で開く。海峡を通る航路の共同監視が議題になる見通し。',
    tags: ['会見', '安全保障'],
  }),
  blackout: entry({
    id: 'hs-17',
    time: at('14:41'),
    title: '【速報】会場で一時停電',
    body: '会場の照明が一時消えた。',
    tags: ['会見'],
  }),
  volunteers: entry({
    id: 'hs-18',
    time: at('14:46'),
    title: '市民ボランティア120人、7か国語で案内',
    body:
      '会場と駅の間では、ほしぞら市の市民ボランティア約120人が道案内にあたっている。日本語、英語、中国語、韓国語など7か国語に対応し、雨の中でも「ようこそ、ほしぞらへ」と書いた手作りのプラカードを掲げていた。高校生のサクラギ・ノアさん（17）は「海外の人と話すのは初めて。身ぶり手ぶりでも通じた」と笑顔を見せた。',
    tags: ['港湾'],
  }),
  notice: entry({
    id: 'hs-19',
    time: at('14:52'),
    title: 'お知らせ',
    body: '先ほどの「会場で一時停電」の投稿は、開会行事の照明演出を誤って伝えたものだったため削除しました。',
    tags: [],
  }),
  railway: entry({
    id: 'hs-20',
    time: at('15:05'),
    title: '臨港線、午後3時半に運転再開の見通し',
    body: 'ほしぞら臨港鉄道（架空）によると、運転を見合わせている埠頭前―灯台公園間は、午後3時半ごろに運転を再開する見通し。',
    tags: ['交通'],
  }),
  summary: entry({
    id: 'hs-21',
    time: at('15:12'),
    title: '【まとめ】ここまでの主な動き',
    body:
      '・開会式でアマミヤ市長が「港同士が互いの予備になる仕組み」を呼びかけた\n' +
      '・ルミナ共和国の港湾相が「共通運航掲示板」の創設を提案\n' +
      '・UN海洋事務局（架空）が加盟港の船舶事故の減少を報告\n' +
      '・午後5時から「2+2」会合',
    tags: ['港湾', '会見'],
    key: true,
    pinned: true,
    links: [
      {
        title: '【図解】ほしぞら港湾サミットとは',
        url: 'https://news.example/hoshizora/explainer',
        summary: '参加する12の都市と3つの議題を1枚の図で整理した。',
      },
    ],
  }),
  workshop: entry({
    id: 'hs-22',
    time: at('15:20'),
    body: '分科会「災害時の物資輸送」では、台風で港が閉じた場合に近くの港へ貨物を振り替える手順が話し合われた。',
    tags: ['港湾'],
    media: [{ caption: '（写真）分科会「災害時の物資輸送」の会場', credit: '© ほしぞら市提供' }],
  }),
  clearing: entry({
    id: 'hs-23',
    time: at('15:28'),
    title: '雨やむ',
    body: '会場周辺の雨はやんだ。西の空に晴れ間がのぞいている。',
    tags: ['天気'],
  }),
  analysis: entry({
    id: 'hs-24',
    time: at('15:35'),
    title: "Analysis: what a 'green corridor' would mean for Hoshizora",
    body:
      "A green shipping corridor is a route on which ships run on low-emission fuel and every port along the way can supply that fuel and plug ships into shore power. For a mid-sized port like Hoshizora, joining one would mean new bunkering tanks, new cranes and years of construction, but it would also keep the city on the map as shipping lines redraw their networks. Several delegates told us privately that the real question is not whether to build, but who pays first: the ports, the shipping companies, or the fictional governments behind them.\n\n" +
      'A decision is not expected before the second day.',
    tags: ['環境', 'English'],
    links: [
      {
        title: 'Explainer: green shipping corridors',
        url: 'https://example.invalid/en/green-corridor',
        summary: 'How a corridor works, in five diagrams.',
      },
    ],
  }),
  chair: entry({
    id: 'hs-25',
    time: at('15:44'),
    title: '分科会議長「物資輸送の合同訓練を毎年」',
    body:
      '分科会の議長を務めたほしぞら市港湾局（架空）のミナセ・リョウ局長は会見で、災害時の物資輸送について各港の合同訓練を毎年行う方向で一致したと明らかにした。',
    tags: ['会見'],
  }),
  pause: entry({
    id: 'hs-26',
    time: at('15:52'),
    body: '会場は休憩に入った。',
    tags: [],
  }),
  statement: entry({
    id: 'hs-27',
    time: at('16:05'),
    title: '共同声明「航路の安全を最優先」',
    body:
      '参加した12都市の代表は共同声明を採択し、「航路の安全を最優先にする」と明記した。共通運航掲示板を来年度中に試行し、災害時には港同士で貨物を融通し合う。発表後の質疑は予定より20分長引いた。',
    tags: ['会見', '港湾'],
    key: true,
    links: [
      {
        title: '【図解】共同声明のポイント',
        url: 'https://news.example/hoshizora/statement-points',
        summary: '運航情報の共有、貨物の融通、脱炭素の3本柱。',
      },
    ],
  }),
  statementPhoto: entry({
    id: 'hs-28',
    time: at('16:15'),
    tags: ['会見'],
    media: [
      {
        caption: '共同声明を発表する各都市の代表',
        credit: PHOTO_A,
        url: 'https://news.example/photos/hs-28.jpg',
      },
      { caption: '会見場の後方で記録をとる各国の記者', credit: PHOTO_B },
    ],
  }),
  reactions: entry({
    id: 'hs-29',
    time: at('16:24'),
    title: '海外メディアの反応',
    body:
      '星澜日报（架空）は電子版で「港口合作迈出一步」（港の協力、一歩前進）と報じた。ルミナ共和国の放送局（架空）は「Safety first, fuel later」との見出しを掲げた。韓国語のニュースサイト（架空）は『항로 안전 최우선』と伝えた。',
    tags: ['会見'],
  }),
  market: entry({
    id: 'hs-30',
    time: at('16:35'),
    title: '港湾関連株、取引終盤に上昇',
    body: 'ほしぞら証券取引所（架空）では、共同声明の発表後に港湾・海運関連の銘柄が買われ、港湾株指数は前日比1.8%高で取引を終えた。',
    tags: ['経済'],
  }),
  railwayBack: entry({
    id: 'hs-31',
    time: at('16:48'),
    title: '臨港線が全線で運転再開',
    body: '臨港線は午後4時40分、全線で運転を再開した。予定より1時間あまり遅れた。',
    tags: ['交通'],
  }),
  meeting: entry({
    id: 'hs-32',
    time: at('17:00'),
    title: '2+2会合始まる',
    body: '「2+2」会合が始まった。冒頭、ノヴァク港湾相は「海峡は両国の共有財産だ」と述べた。会合は非公開。',
    tags: ['会見', '安全保障'],
    key: true,
  }),
  meetingEnds: entry({
    id: 'hs-33',
    time: at('17:15'),
    title: '2+2会合終了、次回は来春に北洋連邦で',
    body:
      '「2+2」会合は約15分で終わった。両国は海峡を通る航路の共同監視について、実務者による作業部会を年内に立ち上げることで合意した。次回の会合は来年春、北洋連邦の港町ヴェストハーフェン（架空）で開く。\n\n' +
      '会合後、北洋連邦の外相は記者団に「短い会合だったが、中身は濃かった」と語った。',
    tags: ['会見', '安全保障'],
  }),
  thanks: entry({
    id: 'hs-34',
    time: at('17:25'),
    body: 'Thanks for following day one with us 🙏 See you tomorrow at 9:00 JST. 🌅',
    tags: ['English'],
  }),
  closing: entry({
    id: 'hs-35',
    time: at('17:30'),
    title: 'このライブ更新は終了しました',
    body:
      'ほしぞら港湾サミット（架空）初日のライブ更新はこれで終了します。2日目の様子は26日午前9時から、新しいページでお伝えします。ご覧いただき、ありがとうございました。',
    tags: ['港湾'],
    links: [
      {
        title: '【ライブ】ほしぞら港湾サミット2日目',
        url: 'https://news.example/live/hoshizora-summit-day2',
        summary: '26日午前9時から更新します。',
      },
    ],
  }),
} satisfies Record<string, Entry>;

/** The correction of hs-14 (first said 2割減, i.e. down 20%; it was 1割, 10%). */
const correctedAccidents: Entry = {
  ...e.accidents,
  body:
    'UN海洋事務局（架空）のリン・メイファ担当官は講演で、加盟港で起きた船舶事故が前年比1割減ったと報告した。入港前の気象情報の共有が進んだことが大きいという。\n\n' +
    '【訂正】当初、船舶事故が「2割減った」としていましたが、「1割減った」の誤りでした。（15:00）',
};

const entryEvent = (entry: Entry): FeedEvent => ({ event: 'entry', entry });

/** Publication order, oldest first. */
export const sampleBlog: readonly FeedEvent[] = [
  { event: 'blog', blog: sampleBlogInfo },
  ...[
    e.opening,
    e.arrival,
    e.ceremony,
    e.weather,
    e.english,
    e.traffic,
    e.minister,
    e.banner,
    e.korean,
    e.explainer,
    e.chinese,
    e.outside,
    e.shipping,
    e.accidents,
    e.lecture,
    e.twoPlusTwo,
    e.blackout,
    e.volunteers,
  ].map(entryEvent),
  { event: 'delete', id: e.blackout.id },
  entryEvent(e.notice),
  { event: 'update', entry: correctedAccidents },
  ...[
    e.railway,
    e.summary,
    e.workshop,
    e.clearing,
    e.analysis,
    e.chair,
    e.pause,
    e.statement,
    e.statementPhoto,
    e.reactions,
    e.market,
    e.railwayBack,
    e.meeting,
    e.meetingEnds,
    e.thanks,
    e.closing,
  ].map(entryEvent),
  { event: 'blog', blog: { ...sampleBlogInfo, status: 'ended' } },
];

/** The default feed label of the sample in NDJSON. */
export const SAMPLE_FEED_LABEL = 'demo';

/**
 * The sample as NDJSON lines (the format `livetail serve` reads and the follower prints). With
 * `endingAt`, the whole story is moved (by whole minutes, gaps kept) so its last entry is at
 * that moment: the demo then reads as today's live blog, not one dated 2026-11-25 on every card.
 */
export function sampleBlogNdjson(feedLabel: string = SAMPLE_FEED_LABEL, endingAt?: number): string[] {
  const events = endingAt === undefined ? sampleBlog : storyMovedBy(Math.floor((endingAt - lastEntryMs) / 60_000) * 60_000);
  return events.map((event) => formatNdjsonLine(feedLabel, event));
}

const lastEntryMs = Math.max(...sampleBlog.flatMap((event) => (event.event === 'entry' ? [Date.parse(event.entry.time)] : [])));

function storyMovedBy(shiftMs: number): FeedEvent[] {
  // The newsroom writes +09:00; moved times keep that offset.
  const moved = (time: string): string => `${new Date(Date.parse(time) + shiftMs + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
  return sampleBlog.map((event) => {
    if (event.event !== 'entry' && event.event !== 'update') return event;
    const { entry } = event;
    return { ...event, entry: { ...entry, time: moved(entry.time), ...(entry.modified === undefined ? {} : { modified: moved(entry.modified) }) } };
  });
}
