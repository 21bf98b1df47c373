/**
 * The handler table: one entry per contract operation. The type makes a missing or extra
 * handler a compile error, so the contract and the main process cannot drift apart.
 */
import type { OperationName, ParsedInputOf, ResultOf } from '../../src-shared/contract';
import { accountHandlers } from './accounts';
import { billingHandlers } from './billing';
import { changeHandlers } from './changes';
import { collectionHandlers } from './collections';
import { jobHandlers } from './jobs';
import { collectionsAgingHandlers } from './collections-aging';
import type { HandlerContext } from './context';
import { ledgerHandlers } from './ledger';
import { paymentHandlers } from './payments';
import { readHandlers } from './reads';
import { systemHandlers } from './system';

export type HandlerFor<Name extends OperationName> = (
  context: HandlerContext,
  input: ParsedInputOf<Name>,
) => ResultOf<Name> | Promise<ResultOf<Name>>;

export type HandlerTable = { [Name in OperationName]: HandlerFor<Name> };

/** The handlers of the operations whose names start with one of the prefixes. */
export type HandlersFor<Prefix extends string> = {
  [Name in Extract<OperationName, `${Prefix}${string}`>]: HandlerFor<Name>;
};

export const handlers: HandlerTable = { ...systemHandlers, ...ledgerHandlers, ...accountHandlers, ...readHandlers, ...billingHandlers, ...paymentHandlers, ...changeHandlers, ...jobHandlers, ...collectionHandlers, ...collectionsAgingHandlers };
