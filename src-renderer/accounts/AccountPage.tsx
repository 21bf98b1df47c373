import type { AccountDetail } from '../../src-shared/contract/accounts';
import { useCan } from '../app/session';
import { useQuery } from '../client';
import { Loaded } from '../ui/Loading';
import { Tabs } from '../ui/Tabs';
import { AccountBillingBar } from './AccountBillingBar';
import { AccountSummary } from './AccountSummary';
import { BillsTab } from './BillsTab';
import { CollectionsPanel } from './CollectionsPanel';
import { ContactLogTab } from './ContactLogTab';
import { CustomerTab } from './CustomerTab';
import { LedgerTab } from './LedgerTab';
import { MeterTab } from './MeterTab';
import { ServicesTab } from './ServicesTab';

const TABS = [
  { id: 'ledger', label: 'Ledger' },
  { id: 'bills', label: 'Bills' },
  { id: 'services', label: 'Services' },
  { id: 'meter', label: 'Meter' },
  { id: 'contacts', label: 'Contact log' },
  { id: 'customer', label: 'Customer details' },
] as const;

/**
 * One account: who, where, what is owed, and its history in tabs. Opened from a receipt
 * (`/accounts/<id>/<tab>/receipt/<paymentId>`), it offers the way back to that receipt.
 */
export function AccountPage({ accountId, tab, fromReceipt }: { accountId: number; tab: string; fromReceipt?: string | undefined }) {
  const account = useQuery('accounts.get', { accountId });
  const canPostCorrections = useCan('technician');
  // The account and its ledger reload themselves from the change feed after any posting or edit,
  // here or in another window: the sections' "changed" callbacks have nothing left to do here.
  const changed = () => undefined;
  const currentTab = TABS.some((candidate) => candidate.id === tab) ? tab : 'ledger';

  return (
    <Loaded query={account}>
      {(detail) => (
        <article className="account-page">
          {fromReceipt && <BackToReceipt paymentId={fromReceipt} />}
          <AccountSummary account={detail} canAdjust={canPostCorrections} onChanged={changed} />
          <AccountBillingBar account={detail} onChanged={changed} />
          <CollectionsPanel account={detail} />
          <Tabs tabs={TABS} current={currentTab} pathFor={(id) => `/accounts/${accountId}/${id}${fromReceipt ? `/receipt/${fromReceipt}` : ''}`} label="Account sections" />
          <div role="tabpanel" aria-labelledby={`tab-${currentTab}`} className="tab-panel">
            <TabContent
              tab={currentTab}
              account={detail}
              canReverse={canPostCorrections}
              onChanged={changed}
            />
          </div>
        </article>
      )}
    </Loaded>
  );
}

/** "← Back to receipt R0000123": the receipt, opened in Find payment (reprint, balance now, return check). */
function BackToReceipt({ paymentId }: { paymentId: string }) {
  const receipt = useQuery('payments.receipt', { paymentId });
  if (receipt.error) return null;
  return (
    <p className="back-to-receipt">
      <a href={`#/cash/find/payment/${paymentId}`}>← Back to receipt {receipt.data?.receiptNumber ?? ''}</a>
    </p>
  );
}

interface TabContentProps {
  tab: string;
  account: AccountDetail;
  canReverse: boolean;
  onChanged: () => void;
}

function TabContent({ tab, account, canReverse, onChanged }: TabContentProps) {
  switch (tab) {
    case 'bills':
      return <BillsTab account={account} />;
    case 'services':
      return <ServicesTab account={account} />;
    case 'meter':
      return <MeterTab account={account} />;
    case 'contacts':
      return <ContactLogTab accountId={account.accountId} onChanged={onChanged} />;
    case 'customer':
      return <CustomerTab account={account} onSaved={onChanged} />;
    default:
      return <LedgerTab account={account} canReverse={canReverse} onReversed={onChanged} />;
  }
}
