import { AccountPage } from './AccountPage';
import { AccountSearch } from './AccountSearch';
import { OpenAccountForm } from './OpenAccountForm';

/** Accounts: the search always on top; below it the account, the new-account form, or a hint. */
export function AccountsArea({ rest }: { rest: string[] }) {
  const [first, tab, from, fromId] = rest;
  const accountId = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
  return (
    <div className="accounts">
      {first === undefined && <h1>Accounts</h1>}
      <div className="accounts-toolbar">
        {/* On the Accounts page itself the search is the only thing to do: the cursor waits there. */}
        <AccountSearch autoFocus={first === undefined} />
        <a className="button" href="#/accounts/new">
          Open a new account
        </a>
      </div>
      {first === undefined && <AccountsHome />}
      {first === 'new' && <OpenAccountForm />}
      {accountId !== null && <AccountPage key={accountId} accountId={accountId} tab={tab ?? 'ledger'} fromReceipt={from === 'receipt' ? fromId : undefined} />}
      {first !== undefined && first !== 'new' && accountId === null && <p>There is no account page at this address.</p>}
    </div>
  );
}

function AccountsHome() {
  return (
    <section className="accounts-home">
      <p>
        Type a customer’s name, a service address, an account number, a meter serial or a phone number. Use{' '}
        <kbd>↑</kbd> <kbd>↓</kbd> to choose and <kbd>Enter</kbd> to open.
      </p>
    </section>
  );
}
