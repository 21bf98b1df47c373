/** The renderer's client: idempotency keys, supervisor approval, session end, retries. */
import { describe, expect, it } from 'vitest';
import type { OperationCall } from '../../src-shared/bridge';
import type { OperationName } from '../../src-shared/contract';
import { BUSY_MESSAGE, BUSY_RETRY_DELAYS_MS, fail, ok, type Result } from '../../src-shared/result';
import { OfficeClient, Submission, tidyError, type ApprovalRequest } from '../../src-renderer/client/client';
import type { Transport } from '../../src-renderer/client/transport';

interface Sent {
  name: OperationName;
  call: OperationCall;
}

/** A transport that records every call and answers from a script, one answer per call. */
function scriptedTransport(answers: Result<unknown>[]): { transport: Transport; sent: Sent[] } {
  const sent: Sent[] = [];
  const transport: Transport = async (name, call) => {
    sent.push({ name, call });
    const answer = answers.shift();
    if (!answer) throw new Error(`no scripted answer for call ${sent.length} (${name})`);
    return answer;
  };
  return { transport, sent };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

const loggedIn = () => memoryStorage({ 'billing-office.session': 'token-1' });
const ADJUST = { entryId: '6f1c8f6e-3b9a-4a57-9a49-0d6f1d0d7e11', accountId: 7, amountCents: 1234, reason: 'Returned check fee' };

describe('OfficeClient', () => {
  it('gives writes an idempotency key and sends the session token; reads carry no key', async () => {
    const { transport, sent } = scriptedTransport([ok([]), ok({})]);
    const client = new OfficeClient(transport, loggedIn());
    await client.call('accounts.search', { query: 'smith' });
    await client.call('contacts.add', { accountId: 1, channel: 'phone', subject: 'Called' });
    expect(sent[0]?.call).toEqual({ input: { query: 'smith' }, sessionToken: 'token-1' });
    expect(sent[1]?.call.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]?.call.sessionToken).toBe('token-1');
  });

  it('asks for a supervisor when approval is required, and resends with the same key', async () => {
    const { transport, sent } = scriptedTransport([
      fail('APPROVAL_REQUIRED', 'A supervisor must approve this'),
      fail('APPROVAL_DENIED', 'approval: That supervisor user name or password is not right', 'approval'),
      ok({ entryId: ADJUST.entryId }),
    ]);
    const client = new OfficeClient(transport, loggedIn());
    const prompts: ApprovalRequest[] = [];
    const passwords = ['wrong-password', 'right-password'];
    client.setApprovalPrompt(async (request) => {
      prompts.push(request);
      return { username: 'super', password: passwords.shift() ?? '' };
    });

    const result = await client.call('ledger.adjust', ADJUST, { purpose: 'Charge $12.34 on account 000007-01' });

    expect(result.ok).toBe(true);
    expect(sent).toHaveLength(3);
    const keys = new Set(sent.map((entry) => entry.call.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(sent[0]?.call.approval).toBeUndefined();
    expect(sent[2]?.call.approval).toEqual({ username: 'super', password: 'right-password' });
    expect(prompts[0]).toMatchObject({ purpose: 'Charge $12.34 on account 000007-01' });
    expect(prompts[0]?.refusal).toBeUndefined();
    expect(prompts[1]?.refusal?.message).toBe('That supervisor user name or password is not right');
  });

  it('stops when the supervisor prompt is cancelled, without sending again', async () => {
    const { transport, sent } = scriptedTransport([fail('APPROVAL_REQUIRED', 'A supervisor must approve this')]);
    const client = new OfficeClient(transport, loggedIn());
    client.setApprovalPrompt(async () => null);
    const result = await client.call('ledger.adjust', ADJUST);
    expect(result.ok).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('forgets the session and tells the app when the main process says it has ended', async () => {
    const { transport } = scriptedTransport([fail('NOT_LOGGED_IN', 'Your session has ended; please log in again')]);
    const storage = loggedIn();
    const client = new OfficeClient(transport, storage);
    const messages: string[] = [];
    client.onSessionEnded((message) => messages.push(message));
    await client.call('system.info', {});
    expect(messages).toEqual(['Your session has ended; please log in again']);
    expect(client.hasSession).toBe(false);
    expect(storage.items.has('billing-office.session')).toBe(false);
  });

  it('keeps the token from a login and drops it on logout', async () => {
    const user = { userId: 1, username: 'clerk', displayName: 'Carla', role: 'clerk' as const };
    const { transport, sent } = scriptedTransport([ok({ token: 'token-2', user }), ok({ loggedOut: true })]);
    const storage = memoryStorage();
    const client = new OfficeClient(transport, storage);
    const login = await client.login('clerk', 'demo-password');
    expect(login).toEqual({ ok: true, value: user });
    expect(storage.items.get('billing-office.session')).toBe('token-2');
    await client.logout();
    expect(sent[1]?.call.sessionToken).toBe('token-2');
    expect(client.hasSession).toBe(false);
  });
});

describe('OfficeClient when the database is busy', () => {
  const busy = () => fail('BUSY', BUSY_MESSAGE);
  /** A client whose pauses are recorded instead of waited. */
  function clientWithRecordedPauses(answers: Result<unknown>[]) {
    const scripted = scriptedTransport(answers);
    const pausesMs: number[] = [];
    const client = new OfficeClient(scripted.transport, loggedIn(), { delaysMs: BUSY_RETRY_DELAYS_MS, sleep: async (ms) => void pausesMs.push(ms) });
    return { client, sent: scripted.sent, pausesMs };
  }

  it('resends a write that answered BUSY with the same key after a short pause, and returns its answer', async () => {
    const { client, sent, pausesMs } = clientWithRecordedPauses([busy(), ok({ entryId: ADJUST.entryId })]);
    const result = await client.call('ledger.adjust', ADJUST);
    expect(result).toEqual({ ok: true, value: { entryId: ADJUST.entryId } });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.call).toEqual(sent[0]?.call);
    expect(sent[0]?.call.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(pausesMs).toEqual([BUSY_RETRY_DELAYS_MS[0]]);
  });

  it('gives up after a bounded number of resends and shows the clerk the BUSY message', async () => {
    const answers = Array.from({ length: BUSY_RETRY_DELAYS_MS.length + 1 }, busy);
    const { client, sent, pausesMs } = clientWithRecordedPauses(answers);
    const result = await client.call('contacts.add', { accountId: 1, channel: 'phone', subject: 'Called' });
    expect(result).toEqual({ ok: false, error: { code: 'BUSY', message: BUSY_MESSAGE } });
    expect(sent).toHaveLength(BUSY_RETRY_DELAYS_MS.length + 1);
    expect(new Set(sent.map((entry) => entry.call.idempotencyKey)).size).toBe(1);
    expect(pausesMs).toEqual([...BUSY_RETRY_DELAYS_MS]);
  });

  it('does not resend a read, or a write refused for another reason', async () => {
    const { client, sent, pausesMs } = clientWithRecordedPauses([busy(), fail('CONFLICT', 'That drawer is closed')]);
    expect(await client.call('accounts.search', { query: 'smith' })).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(await client.call('ledger.adjust', ADJUST)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(sent).toHaveLength(2);
    expect(pausesMs).toEqual([]);
  });

  it('resends with the supervisor approval it was given when the approved write finds the database busy', async () => {
    const { client, sent } = clientWithRecordedPauses([fail('APPROVAL_REQUIRED', 'A supervisor must approve this'), busy(), ok({ entryId: ADJUST.entryId })]);
    client.setApprovalPrompt(async () => ({ username: 'super', password: 'right-password' }));
    expect((await client.call('ledger.adjust', ADJUST)).ok).toBe(true);
    expect(sent).toHaveLength(3);
    expect(sent[2]?.call).toEqual(sent[1]?.call);
    expect(sent[2]?.call.approval).toEqual({ username: 'super', password: 'right-password' });
    expect(new Set(sent.map((entry) => entry.call.idempotencyKey)).size).toBe(1);
  });
});

describe('Submission', () => {
  const contact = { accountId: 1, channel: 'phone' as const, subject: 'Called about a leak' };

  it('retries the same content with the same key, and starts a new key after a success', async () => {
    const { transport, sent } = scriptedTransport([fail('INTERNAL', 'Billing Office is not answering'), ok({}), ok({})]);
    const submission = new Submission(new OfficeClient(transport, loggedIn()));
    await submission.send('contacts.add', contact);
    await submission.send('contacts.add', contact);
    await submission.send('contacts.add', contact);
    expect(sent[0]?.call.idempotencyKey).toBe(sent[1]?.call.idempotencyKey);
    expect(sent[2]?.call.idempotencyKey).not.toBe(sent[1]?.call.idempotencyKey);
  });

  it('uses a new key when the content changed after a refusal', async () => {
    const { transport, sent } = scriptedTransport([fail('INVALID_INPUT', 'subject: Subject is required', 'subject'), ok({})]);
    const submission = new Submission(new OfficeClient(transport, loggedIn()));
    await submission.send('contacts.add', { ...contact, subject: '' });
    await submission.send('contacts.add', contact);
    expect(sent[0]?.call.idempotencyKey).not.toBe(sent[1]?.call.idempotencyKey);
  });

  it('answers a second click while the first is on its way with the first answer', async () => {
    const { transport, sent } = scriptedTransport([ok({ contactId: 5 })]);
    const submission = new Submission(new OfficeClient(transport, loggedIn()));
    const [first, second] = await Promise.all([submission.send('contacts.add', contact), submission.send('contacts.add', contact)]);
    expect(sent).toHaveLength(1);
    expect(second).toBe(first);
  });
});

describe('tidyError', () => {
  it('drops the field path the dispatcher puts before a field message', () => {
    expect(tidyError({ code: 'INVALID_INPUT', field: 'customer.mailing.zip', message: 'customer.mailing.zip: ZIP is 5 digits or ZIP+4' }).message).toBe(
      'ZIP is 5 digits or ZIP+4',
    );
    expect(tidyError({ code: 'NOT_FOUND', message: 'No such account' }).message).toBe('No such account');
  });
});
