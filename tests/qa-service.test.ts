import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.ts';
import { createStore, type Store } from '../src/store/store.ts';
import { QaService, SUGGESTION_COOLDOWN_MS } from '../src/qa/service.ts';
import { looksLikeQuestion, normalizeQuestion } from '../src/qa/question.ts';
import { realKnowledge } from './support/knowledge.ts';

function setup(path = join(mkdtempSync(join(tmpdir(), 'kernelbot-qa-')), 'qa.db')) {
  let now = new Date('2026-11-28T12:00:00Z');
  const clock = { now: () => now };
  const db = openDatabase(path);
  const store: Store = createStore(db);
  const qa = new QaService({ store, search: realKnowledge().search, clock });
  return { qa, store, db, path, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const post = (threadId: string, title: string, body = '') => ({ threadId, channelId: 'forum', authorId: 'u1', title, body, tags: [] });

describe('Q&A service (real SQLite file)', () => {
  it('suggests up to three confident entries for a matching post, and nothing for an off-topic one', async () => {
    const { qa } = setup();
    const hits = await qa.suggestForPost(post('t1', 'Is btrfs RAID 5 still experimental?'));
    expect(hits?.[0]?.entry.id).toBe('btrfs-raid56');
    expect(hits!.length).toBeLessThanOrEqual(3);
    expect(await qa.suggestForPost(post('t2', 'My cat ate my homework'))).toBeNull();
  });

  it('answers a post once, even when the event repeats and after a restart on the same database', async () => {
    const { qa, store, path } = setup();
    expect(await qa.suggestForPost(post('t1', 'What happened to kdbus?'))).not.toBeNull();
    expect(await qa.suggestForPost(post('t1', 'What happened to kdbus?'))).toBeNull();
    await store.close();
    const again = setup(path);
    expect(await again.qa.suggestForPost(post('t1', 'What happened to kdbus?'))).toBeNull();
  });

  it('suggests in text channels only for high-confidence questions, once per entry per cool-down', async () => {
    const { qa, advance } = setup();
    expect(await qa.suggestForMessage('c1', 'I like kdbus')).toBeNull(); // not a question
    expect(await qa.suggestForMessage('c1', 'how do I install Steam?')).toBeNull(); // not confident
    expect((await qa.suggestForMessage('c1', 'Was ist kdbus?'))?.entry.id).toBe('kdbus');
    expect(await qa.suggestForMessage('c1', 'what is kdbus?')).toBeNull(); // cooling down
    expect((await qa.suggestForMessage('c2', 'what is kdbus?'))?.entry.id).toBe('kdbus'); // other channel
    advance(SUGGESTION_COOLDOWN_MS + 1);
    expect((await qa.suggestForMessage('c1', 'what is kdbus?'))?.entry.id).toBe('kdbus');
  });

  it('counts unanswered questions by normalised text without user ids, and entry hits', async () => {
    const { qa, db } = setup();
    for (const q of ['How do I install Steam?', 'how do i install steam', 'HOW DO I INSTALL STEAM!!']) await qa.recordOutcome(q, realKnowledge().search.search(q));
    await qa.recordOutcome('kdbus', realKnowledge().search.search('kdbus'));
    await qa.suggestForPost(post('t9', 'Banana bread recipe'));
    await qa.resolvePost('t9', 'unhelpful', 'Banana bread recipe');
    expect(await qa.gaps()).toEqual([
      expect.objectContaining({ question: 'how do i install steam', asked: 3, unhelpful: 0 }),
      expect.objectContaining({ question: 'banana bread recipe', asked: 1, unhelpful: 1 }),
    ]);
    expect(await qa.hits()).toEqual([{ entryId: 'kdbus', hits: 1 }]);
    const columns = (db.prepare('PRAGMA table_info(knowledge_gaps)').all() as { name: string }[]).map((c) => c.name);
    expect(columns.some((c) => /user|author/.test(c))).toBe(false);
  });

  it('keeps watched channels and counts solved posts', async () => {
    const { qa } = setup();
    await qa.watch({ channelId: 'f1', guildId: 'g', kind: 'forum' }, 'admin');
    expect(await qa.watched('f1', 'forum')).toBe(true);
    expect(await qa.watched('f1', 'text')).toBe(false);
    await qa.suggestForPost(post('t3', 'overlayfs multiple lower layers'));
    await qa.resolvePost('t3', 'solved', 'overlayfs');
    expect(await qa.solvedCount()).toBe(1);
    expect(await qa.unwatch('f1')).toBe(true);
    expect(await qa.watched('f1')).toBe(false);
  });
});

describe('question heuristics', () => {
  it.each([
    ['Was ist kdbus?', true],
    ['wie funktioniert live patching', true],
    ['How does btrfs scrub work', true],
    ['kdbus is cool', false],
    ['ok', false],
  ])('%s → %s', (text, expected) => {
    expect(looksLikeQuestion(text)).toBe(expected);
  });

  it('normalises away mentions, links, case and punctuation', async () => {
    expect(normalizeQuestion('<@123> Wie installiere ich STEAM?? https://x.y/z')).toBe('wie installiere ich steam');
  });
});
