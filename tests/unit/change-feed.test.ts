/**
 * The change feed: every operation belongs to an area; a write's areas include what it moves
 * on other screens; the renderer's feed tells listeners only of real changes, at once after
 * its own writes.
 */
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src-shared/contract';
import { areaOf, areasChangedBy } from '../../src-shared/contract/changes';
import { ok, type Result } from '../../src-shared/result';
import { ChangeFeed } from '../../src-renderer/client/changes';
import { OfficeClient } from '../../src-renderer/client/client';
import type { Transport } from '../../src-renderer/client/transport';

describe('areas', () => {
  it('names an area for every operation in the contract', () => {
    expect(OPERATION_NAMES.filter((name) => areaOf(name) === null)).toEqual([]);
  });

  it('a payment changes the cash screens and the account’s balance; a login changes only users; a restore everything', () => {
    expect(areasChangedBy(['payments.take'])).toEqual(['accounts', 'cash']);
    expect(areasChangedBy(['session.login', 'session.login'])).toEqual(['users']);
    expect(areasChangedBy(['billing.post', 'reads.resolve'])).toEqual(['accounts', 'billing', 'reads']);
    expect(areasChangedBy(['system.restore'])).toEqual(['accounts', 'cash', 'billing', 'reads', 'users', 'system']);
    expect(areasChangedBy(['unknown.thing'])).toEqual([]);
  });
});

describe('the renderer’s change feed', () => {
  function feedOver(answers: Result<unknown>[], dialog = { open: false }, heldRetryMs = 10_000) {
    const asked: unknown[] = [];
    const transport: Transport = async (name, call) => {
      if (name === 'changes.since') asked.push(call.input);
      return answers.shift() ?? ok({ headSeq: 0, areas: [] });
    };
    const storage = new Map([['billing-office.session', 'token-1']]);
    const client = new OfficeClient(transport, { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value), removeItem: (key) => void storage.delete(key) });
    const feed = new ChangeFeed(client, () => true, 0, () => dialog.open, heldRetryMs);
    const heard: string[][] = [];
    feed.subscribe((areas) => heard.push([...areas]));
    return { client, feed, heard, asked };
  }

  it('learns where the trail stands first, then tells listeners which areas changed after it', async () => {
    const { feed, heard, asked } = feedOver([ok({ headSeq: 40, areas: [] }), ok({ headSeq: 40, areas: [] }), ok({ headSeq: 43, areas: ['accounts', 'cash'] })]);
    await feed.check();
    await feed.check();
    expect(heard).toEqual([]);
    await feed.check();
    expect(heard).toEqual([['accounts', 'cash']]);
    expect(asked).toEqual([{ afterSeq: 0 }, { afterSeq: 40 }, { afterSeq: 40 }]);
  });

  it('holds the news while a dialog is open, and tells it once the dialog has closed', async () => {
    const dialog = { open: false };
    const { feed, heard } = feedOver([ok({ headSeq: 1, areas: [] }), ok({ headSeq: 2, areas: ['reads'] }), ok({ headSeq: 3, areas: ['billing'] }), ok({ headSeq: 3, areas: [] })], dialog);
    await feed.check();
    dialog.open = true;
    await feed.check();
    await feed.check();
    expect(heard).toEqual([]);
    dialog.open = false;
    await feed.check();
    expect(heard).toEqual([['reads', 'billing']]);
  });

  it('tells held news soon after the dialog closes, without waiting for another change or poll', async () => {
    const dialog = { open: false };
    const { feed, heard, asked } = feedOver([ok({ headSeq: 1, areas: [] }), ok({ headSeq: 2, areas: ['cash', 'accounts'] })], dialog, 5);
    await feed.check();
    dialog.open = true;
    await feed.check();
    await new Promise((done) => setTimeout(done, 30));
    expect(heard).toEqual([]);
    dialog.open = false;
    await new Promise((done) => setTimeout(done, 30));
    expect(heard).toEqual([['cash', 'accounts']]);
    // Told from what it held: no further question to the main process.
    expect(asked).toHaveLength(2);
  });

  it('looks at once after this window’s own write', async () => {
    const { client, feed, asked } = feedOver([ok({ headSeq: 5, areas: [] })]);
    await feed.check();
    await client.call('contacts.add', { accountId: 1, kind: 'call', note: 'Asked about the bill' } as never);
    await new Promise((done) => setTimeout(done, 0));
    expect(asked).toEqual([{ afterSeq: 0 }, { afterSeq: 5 }]);
  });
});
