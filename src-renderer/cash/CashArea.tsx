/**
 * The cash drawer: a clerk's counter day, worked from the keyboard, and the supervisor's close of
 * it. Paths:
 *   /cash, /cash/counter   open the drawer (float count), take payments, receipts, voids
 *   /cash/counter/account/<id>  the same, with that account already on the payment (the account page's "Take payment")
 *   /cash/batches          mail and drop-box batches against their control count and total
 *   /cash/close            count the drawer, expected vs counted, over/short, lock it
 *   /cash/find             find a past payment (check number, receipt, account, days); return a bounced check
 *   /cash/find/payment/<id>  that one payment (the account ledger's "Find this payment")
 *   /cash/supervisor       every drawer, the deposit slip, the end-of-day report (supervisor)
 *   /cash/lockbox          a bank lockbox file: preview with line errors, import (back office)
 */
import { useCan } from '../app/session';
import { Tabs } from '../ui/Tabs';
import { BatchesPage } from './BatchesPage';
import { CloseDrawerPage } from './CloseDrawerPage';
import { accountOfCounterPath } from './cashFormat';
import { CounterPage } from './CounterPage';
import { FindPaymentPage } from './FindPaymentPage';
import { LockboxPage } from './LockboxPage';
import { SupervisorPage } from './SupervisorPage';
import './cash.css';

export function CashArea({ rest }: { rest: string[] }) {
  const supervisor = useCan('supervisor');
  const backOffice = useCan('technician');
  const pages = [
    { id: 'counter', label: 'Counter' },
    { id: 'batches', label: 'Mail and drop box' },
    { id: 'close', label: 'Close drawer' },
    { id: 'find', label: 'Find payment' },
    ...(supervisor ? [{ id: 'supervisor', label: 'Deposit and end of day' }] : []),
    ...(backOffice ? [{ id: 'lockbox', label: 'Lockbox' }] : []),
  ];
  const current = pages.find((page) => page.id === rest[0])?.id ?? 'counter';
  return (
    <div className="cash">
      <h1>Cash drawer</h1>
      <Tabs tabs={pages} current={current} pathFor={(tabId) => `/cash/${tabId}`} label="Cash drawer pages" />
      <div role="tabpanel" aria-labelledby={`tab-${current}`} className="tab-panel">
        {current === 'batches' ? <BatchesPage /> : current === 'find' ? <FindPaymentPage paymentId={rest[1] === 'payment' ? rest[2] : undefined} /> : current === 'close' ? <CloseDrawerPage /> : current === 'supervisor' ? <SupervisorPage /> : current === 'lockbox' ? <LockboxPage /> : <CounterPage startAccountId={accountOfCounterPath(rest)} />}
      </div>
    </div>
  );
}
