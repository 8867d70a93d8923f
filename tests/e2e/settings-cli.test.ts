import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, runLivetail, startServe, userEnv } from '../helpers/processes.js';
import { ndjsonEvents } from '../helpers/ndjson.js';
import { unprivileged } from '../helpers/read-only.js';

function configDir(): string {
  return mkdtempSync(join(tmpdir(), 'livetail-config-'));
}

describe('livetail topics and config (real processes)', () => {
  it('adds, lists and removes topics; config path names the folder', async () => {
    const dir = configDir();
    const env = { LIVETAIL_CONFIG_DIR: dir };
    expect((await runLivetail(['topics', 'add', '港湾', 'MD'], { env })).code).toBe(0);
    expect((await runLivetail(['topics', 'add', '港湾'], { env })).code).toBe(0);
    expect((await runLivetail(['topics', 'list'], { env })).stdout).toBe('港湾\nMD\n');
    const removed = await runLivetail(['topics', 'rm', 'MD', '台風'], { env });
    expect(removed.code).toBe(0);
    expect(removed.stderr).toBe('livetail: not a followed topic: 台風\n');
    expect((await runLivetail(['topics'], { env })).stdout).toBe('港湾\n');
    expect((await runLivetail(['config', 'path'], { env })).stdout).toBe(`${dir}\n`);
  });

  it('topics are one in any width or case: adding ＭＤ beside MD says it is followed; rm md removes it', async () => {
    const env = { LIVETAIL_CONFIG_DIR: configDir() };
    expect((await runLivetail(['topics', 'add', 'MD', '港湾'], { env })).stderr).toBe('');
    const twin = await runLivetail(['topics', 'add', 'ＭＤ', 'ｍｄ', '港湾', '台風'], { env });
    expect(twin.code).toBe(0);
    expect(twin.stderr).toBe('livetail: already followed: ＭＤ (as MD)\nlivetail: already followed: ｍｄ (as MD)\nlivetail: already followed: 港湾\n');
    expect((await runLivetail(['topics'], { env })).stdout).toBe('MD\n港湾\n台風\n');
    const removed = await runLivetail(['topics', 'rm', 'md'], { env });
    expect(removed.stderr).toBe('');
    expect((await runLivetail(['topics'], { env })).stdout).toBe('港湾\n台風\n');
  });

  it('topics with nothing followed says so, and how to follow one (on stderr: stdout stays a list)', async () => {
    const env = { LIVETAIL_CONFIG_DIR: configDir() };
    for (const args of [['topics'], ['topics', 'list']]) {
      const result = await runLivetail(args, { env });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('livetail: no topics followed yet: livetail topics add <topic>, or f on an entry\n');
    }
  });

  it('answers usage errors with exit 2', async () => {
    const env = { LIVETAIL_CONFIG_DIR: configDir() };
    for (const args of [['topics', 'add'], ['topics', 'frobnicate'], ['config'], ['config', 'where']]) {
      const result = await runLivetail(args, { env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('recovers a corrupt settings file: one line, the file kept as a backup, defaults used', async () => {
    const dir = configDir();
    writeFileSync(join(dir, 'settings.json'), '{"topics": ["港湾"');
    const result = await runLivetail(['topics', 'list'], { env: { LIVETAIL_CONFIG_DIR: dir } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/settings\.json was not valid JSON; kept it as .*settings\.json\.bak-/);
    expect(lines[1]).toMatch(/no topics followed yet/);
    const backup = readdirSync(dir).find((name) => name.startsWith('settings.json.bak-'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toBe('{"topics": ["港湾"');
    // The next run starts clean, with nothing to say.
    const again = await runLivetail(['topics', 'add', '台風'], { env: { LIVETAIL_CONFIG_DIR: dir } });
    expect(again.stderr).toBe('');
    expect((await runLivetail(['topics', 'list'], { env: { LIVETAIL_CONFIG_DIR: dir } })).stdout).toBe('台風\n');
  });

  it('recovers a settings file of the wrong shape the same way', async () => {
    const dir = configDir();
    writeFileSync(join(dir, 'settings.json'), '{"topics": "港湾"}');
    const result = await runLivetail(['topics', 'list'], { env: { LIVETAIL_CONFIG_DIR: dir } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/not in the expected shape/);
  });

  it('10 concurrent `topics add` processes all land', async () => {
    const dir = configDir();
    const topics = Array.from({ length: 10 }, (_, index) => `話題${index}`);
    const children = topics.map((topic) =>
      spawn(process.execPath, [bin, 'topics', 'add', topic], { env: userEnv({ LIVETAIL_CONFIG_DIR: dir }), stdio: 'ignore' }),
    );
    const codes = await Promise.all(children.map(async (child) => ((await once(child, 'close')) as [number])[0]));
    expect(codes).toEqual(topics.map(() => 0));
    const listed = (await runLivetail(['topics', 'list'], { env: { LIVETAIL_CONFIG_DIR: dir } })).stdout.trim().split('\n');
    expect(listed.sort()).toEqual([...topics].sort());
    expect(readdirSync(dir).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });
});

describe('a settings folder livetail may not write to (real processes)', () => {
  it('lists topics, follows them with --followed, and leaves the file alone when a change cannot be saved', async () => {
    const dir = configDir();
    const onDisk = JSON.stringify({ topics: ['天気', '交通'] });
    writeFileSync(join(dir, 'settings.json'), onDisk);
    chmodSync(dir, 0o555);
    // Root writes into a 0555 folder anyway: livetail then runs as nobody.
    const options = { env: { LIVETAIL_CONFIG_DIR: dir }, ...unprivileged() };

    expect(await runLivetail(['topics'], options)).toEqual({ code: 0, stdout: '天気\n交通\n', stderr: '' });

    const added = await runLivetail(['topics', 'add', '港湾'], options);
    expect(added.code).toBe(1);
    expect(added.stderr).toBe(`livetail: cannot write to ${dir} (EACCES); changes last only until this livetail exits\n`);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(onDisk);
    expect(readdirSync(dir)).toEqual(['settings.json']);

    const server = await startServe([new URL('../fixtures/small.ndjson', import.meta.url).pathname, '--speed', 'max']);
    try {
      const followed = await runLivetail([server.url, '--once', '--followed'], options);
      expect(followed.stderr).toBe('');
      expect(ndjsonEvents(followed.stdout).flatMap((event) => (event.event === 'entry' ? [event.entry.id] : []))).toEqual(['s-1', 's-4', 's-5', 's-7']);
    } finally {
      await server.stop();
    }
  });
});
