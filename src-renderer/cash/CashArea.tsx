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
import { useCan, useSession } from '../app/session';
import { Alert } from '../ui/Alert';
import { Tabs } from '../ui/Tabs';
import { BatchesPage } from './BatchesPage';
import { CloseDrawerPage } from './CloseDrawerPage';
import { accountOfCounterPath } from './cashFormat';
import { CounterPage } from './CounterPage';
import { FindPaymentPage } from './FindPaymentPage';
import { LockboxPage } from './LockboxPage';
import { SupervisorPage } from './SupervisorPage';
import './cash.css';

/** The pages only some roles see, and who they are for (the main process refuses their operations too). */
const RESTRICTED_PAGES = [
  { id: 'supervisor', label: 'Deposit and end of day', whom: 'supervisors' },
  { id: 'lockbox', label: 'Lockbox', whom: 'the back office (technicians and supervisors)' },
] as const;

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
  const role = useSession().user.role;
  // A page opened by its address that this role may not see: say so, rather than silently
  // showing the Counter page in its place.
  const refused = RESTRICTED_PAGES.find((page) => page.id === rest[0] && !pages.some((allowed) => allowed.id === page.id));
  return (
    <div className="cash">
      <h1>Cash drawer</h1>
      {refused && (
        <Alert kind="error">
          {refused.label} is for {refused.whom}; you are logged in as a {role}, so the Counter page is shown instead. Ask {refused.whom === 'supervisors' ? 'a supervisor' : 'the back office'} if you need it.
        </Alert>
      )}
      <Tabs tabs={pages} current={current} pathFor={(tabId) => `/cash/${tabId}`} label="Cash drawer pages" />
      <div role="tabpanel" aria-labelledby={`tab-${current}`} className="tab-panel">
        {current === 'batches' ? <BatchesPage /> : current === 'find' ? <FindPaymentPage paymentId={rest[1] === 'payment' ? rest[2] : undefined} /> : current === 'close' ? <CloseDrawerPage /> : current === 'supervisor' ? <SupervisorPage /> : current === 'lockbox' ? <LockboxPage /> : <CounterPage startAccountId={accountOfCounterPath(rest)} />}
      </div>
    </div>
  );
}
