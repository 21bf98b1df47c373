import { DENOMINATIONS } from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import { countCash, type CountTexts } from './cashFormat';

interface DenominationSheetProps {
  texts: CountTexts;
  onChange: (texts: CountTexts) => void;
  /** The caption over the sheet ("Starting float", "Cash in the drawer"). */
  caption: string;
  /** Focus the first box when the sheet appears (opening the drawer starts here). */
  autoFocus?: boolean;
}

/**
 * A count sheet: one box per bill, coin and roll, in the order a clerk counts a till. Tab moves
 * down the sheet; the line value and the totals follow every keystroke.
 */
export function DenominationSheet({ texts, onChange, caption, autoFocus = false }: DenominationSheetProps) {
  const result = countCash(texts);
  const groups = [
    { title: 'Bills', rows: DENOMINATIONS.filter((denomination) => denomination.kind === 'currency') },
    { title: 'Coin', rows: DENOMINATIONS.filter((denomination) => denomination.kind === 'coin' && !denomination.code.startsWith('roll_')) },
    { title: 'Rolls', rows: DENOMINATIONS.filter((denomination) => denomination.code.startsWith('roll_')) },
  ];
  return (
    <fieldset className="count-sheet">
      <legend>{caption}</legend>
      <div className="count-groups">
        {groups.map((group) => (
          <table className="table count-table" key={group.title}>
            <thead>
              <tr>
                <th scope="col">{group.title}</th>
                <th scope="col" className="num">Count</th>
                <th scope="col" className="num">Value</th>
              </tr>
            </thead>
            <tbody>
              {group.rows.map((denomination, index) => {
                const text = texts[denomination.code] ?? '';
                const invalid = result.invalid.includes(denomination.code);
                const pieces = invalid ? 0 : Number(text.trim() || '0');
                return (
                  <tr key={denomination.code} className={invalid ? 'count-invalid' : undefined}>
                    <th scope="row">
                      <label htmlFor={`count-${denomination.code}`}>{denomination.label}</label>
                    </th>
                    <td className="num">
                      <input
                        id={`count-${denomination.code}`}
                        className="input-count"
                        inputMode="numeric"
                        autoComplete="off"
                        value={text}
                        aria-invalid={invalid || undefined}
                        autoFocus={autoFocus && group.title === 'Bills' && index === 0}
                        onFocus={(event) => event.target.select()}
                        onChange={(event) => onChange({ ...texts, [denomination.code]: event.target.value })}
                      />
                    </td>
                    <td className="num">{invalid ? 'not a count' : pieces === 0 ? '' : formatCents(pieces * denomination.valueCents)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      </div>
      <p className="count-total" aria-live="polite">
        <span>Bills {formatCents(result.currencyCents)}</span>
        <span>Coin {formatCents(result.coinCents)}</span>
        <strong data-testid="count-total">Total {formatCents(result.totalCents)}</strong>
      </p>
      {result.invalid.length > 0 && <p className="field-error">Each count is a whole number of bills, coins or rolls (leave a box blank for none).</p>}
    </fieldset>
  );
}
