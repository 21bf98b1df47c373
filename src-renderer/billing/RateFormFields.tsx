/**
 * The inputs of one rate schedule (rateForm.ts is the model): its dates and name, water service
 * charges by meter size in size order, usage tiers by rate class, wastewater, private fire service
 * and fees. Every input has a label (visible, or read out in a table), and its problem, checked as
 * it is typed, right below it and tied to it by aria-describedby.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { RateClass } from '../../src-shared/contract/accounts';
import { WASTEWATER_METHODS, type FeeRate, type RateTier } from '../../src-shared/contract/rates';
import { humanize } from '../ui/format';
import { tierRanges } from './billingFormat';
import {
  addFee, addTier, addWastewaterClass, addWaterClass, FIRE_SIZES_IN_ORDER, fieldLabel, inputId, keyOf, METER_SIZES_IN_ORDER, missingClasses, presentClasses,
  removeFee, removeTier, removeWastewaterClass, removeWaterClass, setFeeKind, setFlag, setText, setWinterAverage, textAt, type Keys, type RateForm,
} from './rateForm';

export interface RateFormState {
  form: RateForm;
  /** Problems by keyOf(keys). */
  errors: ReadonlyMap<string, string>;
  update: (next: RateForm) => void;
}

const FormContext = createContext<RateFormState | null>(null);
export const RateFormProvider = FormContext.Provider;

function useRateForm(): RateFormState {
  const state = useContext(FormContext);
  if (!state) throw new Error('Rate form fields outside the rate form');
  return state;
}

const METHOD_LABELS: Record<(typeof WASTEWATER_METHODS)[number], string> = { flat_per_unit: 'Flat, per dwelling unit', winter_average: 'Winter average use' };

/** A field's problem below it; its id is what the input's aria-describedby names. */
function Problem({ keys }: { keys: Keys }) {
  const { errors } = useRateForm();
  const error = errors.get(keyOf(keys));
  return error ? (
    <p className="field-error" id={`${inputId(keys)}-error`}>
      {error}
    </p>
  ) : null;
}

interface TextInputProps {
  keys: Keys;
  /** Visible label; without one the label is read out but not shown (a table's headers show it). */
  label?: string;
  hint?: string;
  optional?: boolean;
  /** Optional objects emptied with this field that leave the document too (see setText). */
  prune?: number;
  kind?: 'money' | 'hcf' | 'percent' | 'text' | 'date' | 'code';
  onText?: (value: string) => void;
}

function TextInput({ keys, label, hint, optional = false, prune = 0, kind = 'money', onText }: TextInputProps) {
  const { form, errors, update } = useRateForm();
  const id = inputId(keys);
  const error = errors.get(keyOf(keys));
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const numeric = kind === 'money' || kind === 'hcf' || kind === 'percent';
  return (
    <div className={`field rf-field rf-kind-${kind}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className={label ? undefined : 'visually-hidden'}>
        {label ?? fieldLabel(form, keys)}
        {optional && label && (kind === 'text' || kind === 'date') ? <span className="muted"> (optional)</span> : null}
      </label>
      <span className={kind === 'money' ? 'rf-input rf-money' : 'rf-input'}>
        <input
          id={id}
          type={kind === 'date' ? 'date' : 'text'}
          value={textAt(form, keys)}
          inputMode={numeric ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => (onText ? onText(event.target.value) : update(setText(form, keys, event.target.value, optional, prune)))}
        />
      </span>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <Problem keys={keys} />
    </div>
  );
}

function Section({ title, children, hint }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="rf-section">
      <legend>{title}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {children}
    </fieldset>
  );
}

export function ScheduleFields({ index }: { index: number }) {
  const at = ['schedules', index] as const;
  return (
    <div className="rf-schedule">
      <Section title="The schedule">
        <div className="form-row">
          <TextInput keys={[...at, 'effectiveFrom']} label="Effective from" kind="date" />
          <TextInput keys={[...at, 'effectiveThrough']} label="Effective through" kind="date" optional hint="Empty: until the next schedule starts." />
          <TextInput keys={[...at, 'name']} label="Name" kind="text" hint="On bills’ explanations, e.g. “2027 rates (4% increase)”." />
        </div>
        <TextInput keys={[...at, 'adoptedBy']} label="Adopted by" kind="text" optional hint="The resolution or hearing." />
      </Section>
      <ServiceCharges index={index} />
      <UsageTiers index={index} />
      <Wastewater index={index} />
      <PrivateFire index={index} />
      <Fees index={index} />
    </div>
  );
}

function ServiceCharges({ index }: { index: number }) {
  return (
    <Section title="Water service charge, a month, by meter size" hint="Leave a size empty if the district has no meters of that size: a bill for it is refused.">
      <div className="rf-size-grid">
        {METER_SIZES_IN_ORDER.map((size) => (
          <TextInput key={size} keys={['schedules', index, 'water', 'monthlyServiceCharge', size]} label={`${size}″ meter ($)`} optional />
        ))}
      </div>
    </Section>
  );
}

function UsageTiers({ index }: { index: number }) {
  const { form, update } = useRateForm();
  const classes = form.schedules[index]!.water.classes;
  return (
    <Section title="Water use, per HCF, by rate class" hint="Use up to a tier’s bound is charged its rate; the last tier has no bound.">
      {presentClasses(classes).map((rateClass) => (
        <ClassTiers key={rateClass} index={index} rateClass={rateClass} />
      ))}
      <AddClass missing={missingClasses(classes)} label="Add usage rates for" onAdd={(rateClass) => update(addWaterClass(form, index, rateClass))} />
    </Section>
  );
}

function ClassTiers({ index, rateClass }: { index: number; rateClass: RateClass }) {
  const { form, update } = useRateForm();
  const at = ['schedules', index, 'water', 'classes', rateClass] as const;
  const rates = form.schedules[index]!.water.classes[rateClass]!;
  const name = humanize(rateClass);
  const captionId = `${inputId(at)}-caption`;
  return (
    <div className="rf-class">
      <table className="table compact rf-tiers" aria-labelledby={captionId}>
        <caption id={captionId}>{name}</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Use up to (HCF)</th>
            <th scope="col">Rate per HCF ($)</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rates.tiers.map((tier: RateTier, tierIndex) => (
            <tr key={tierIndex}>
              <th scope="row">{tierIndex + 1}</th>
              <td>
                {tier.upToHcf === null ? (
                  <span className="muted">{tierRanges(rates.tiers)[tierIndex]}</span>
                ) : (
                  <TextInput keys={[...at, 'tiers', tierIndex, 'upToHcf']} kind="hcf" />
                )}
              </td>
              <td>
                <TextInput keys={[...at, 'tiers', tierIndex, 'ratePerHcf']} />
              </td>
              <td>
                {rates.tiers.length > 1 && (
                  <button type="button" className="link-button" onClick={() => update(removeTier(form, index, rateClass, tierIndex))}>
                    Remove<span className="visually-hidden"> {name} tier {tierIndex + 1}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Problem keys={[...at, 'tiers']} />
      <div className="rf-class-extras">
        <label className="choice">
          <input type="checkbox" checked={rates.tierWidthsPerDwellingUnit === true} onChange={(event) => update(setFlag(form, [...at, 'tierWidthsPerDwellingUnit'], event.target.checked))} />
          Tier bounds are per dwelling unit
        </label>
        <TextInput keys={[...at, 'monthlyMinimum']} label="Minimum a month ($)" optional />
        <div className="rf-class-actions">
          <button type="button" onClick={() => update(addTier(form, index, rateClass))}>
            Add a tier<span className="visually-hidden"> to {name}</span>
          </button>
          <button type="button" className="link-button" onClick={() => update(removeWaterClass(form, index, rateClass))}>
            Remove {name.toLowerCase()} usage rates
          </button>
        </div>
      </div>
    </div>
  );
}

function AddClass({ missing, label, onAdd }: { missing: readonly RateClass[]; label: string; onAdd: (rateClass: RateClass) => void }) {
  if (missing.length === 0) return null;
  return (
    <div className="rf-add-class">
      <span>{label}</span>
      {missing.map((rateClass) => (
        <button key={rateClass} type="button" onClick={() => onAdd(rateClass)}>
          {humanize(rateClass)}
        </button>
      ))}
    </div>
  );
}

function Wastewater({ index }: { index: number }) {
  const { form, update } = useRateForm();
  const wastewater = form.schedules[index]!.wastewater;
  return (
    <Section title="Wastewater, a month, by rate class" hint="A service uses its class’s method unless it names the other, which then needs its rates too.">
      {presentClasses(wastewater).map((rateClass) => (
        <WastewaterClass key={rateClass} index={index} rateClass={rateClass} />
      ))}
      <AddClass missing={missingClasses(wastewater)} label="Add wastewater rates for" onAdd={(rateClass) => update(addWastewaterClass(form, index, rateClass))} />
    </Section>
  );
}

function WastewaterClass({ index, rateClass }: { index: number; rateClass: RateClass }) {
  const { form, update } = useRateForm();
  const at = ['schedules', index, 'wastewater', rateClass] as const;
  const rates = form.schedules[index]!.wastewater![rateClass]!;
  const name = humanize(rateClass);
  const methodId = inputId([...at, 'method']);
  const winter = (field: 'monthlyBaseCharge' | 'ratePerHcf' | 'capHcf') => (value: string) => update(setWinterAverage(form, index, rateClass, field, value));
  return (
    <fieldset className="rf-class rf-wastewater">
      <legend>{name}</legend>
      <div className="form-row">
        <div className="field rf-field">
          <label htmlFor={methodId}>Method</label>
          <select id={methodId} value={rates.method} onChange={(event) => update(setText(form, [...at, 'method'], event.target.value))}>
            {WASTEWATER_METHODS.map((method) => (
              <option key={method} value={method}>
                {METHOD_LABELS[method]}
              </option>
            ))}
          </select>
        </div>
        <TextInput keys={[...at, 'monthlyChargePerUnit']} label="Per dwelling unit ($)" optional={rates.method !== 'flat_per_unit'} />
        <TextInput keys={[...at, 'monthlyMinimum']} label="Minimum ($)" optional />
      </div>
      <div className="form-row">
        <TextInput keys={[...at, 'winterAverage', 'monthlyBaseCharge']} label="Winter base ($)" onText={winter('monthlyBaseCharge')} />
        <TextInput keys={[...at, 'winterAverage', 'ratePerHcf']} label="Winter rate per HCF ($)" onText={winter('ratePerHcf')} />
        <TextInput keys={[...at, 'winterAverage', 'capHcf']} label="Winter cap (HCF)" kind="hcf" optional onText={winter('capHcf')} />
      </div>
      <Problem keys={[...at, 'winterAverage']} />
      <button type="button" className="link-button" onClick={() => update(removeWastewaterClass(form, index, rateClass))}>
        Remove {name.toLowerCase()} wastewater rates
      </button>
    </fieldset>
  );
}

function PrivateFire({ index }: { index: number }) {
  return (
    <Section title="Private fire service, a month, by line size" hint="Leave a size empty if no account has a fire line of that size.">
      <div className="rf-size-grid">
        {FIRE_SIZES_IN_ORDER.map((size) => (
          <TextInput key={size} keys={['schedules', index, 'privateFire', 'monthlyChargeByLineSize', size]} label={`${size}″ line ($)`} optional prune={2} />
        ))}
      </div>
    </Section>
  );
}

function Fees({ index }: { index: number }) {
  const { form, update } = useRateForm();
  const rows = form.schedules[index]!.fees ?? [];
  return (
    <Section title="Fees" hint="Codes are capitals, digits and _ (RETURNED_CHECK). A percentage fee is charged on an amount the office gives, such as a past-due balance.">
      {rows.length > 0 && (
        <table className="table compact rf-fees">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Description</th>
              <th scope="col">Amount</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <FeeRowFields key={rowIndex} index={index} row={rowIndex} fee={row.fee} />
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => update(addFee(form, index))}>
        Add a fee
      </button>
    </Section>
  );
}

function FeeRowFields({ index, row, fee }: { index: number; row: number; fee: FeeRate }) {
  const { form, update } = useRateForm();
  const at = ['schedules', index, 'fees', row] as const;
  const kindId = inputId([...at, 'fee', 'kind']);
  const code = form.schedules[index]!.fees![row]!.code;
  return (
    <tr>
      <td data-label="Code">
        <TextInput keys={[...at, 'code']} kind="code" />
      </td>
      <td data-label="Description">
        <TextInput keys={[...at, 'fee', 'description']} kind="text" />
      </td>
      <td data-label="Amount">
        <div className="rf-fee-amount">
          <label htmlFor={kindId} className="visually-hidden">
            {fieldLabel(form, [...at, 'fee', 'kind'])}
          </label>
          <select id={kindId} value={fee.kind} onChange={(event) => update(setFeeKind(form, index, row, event.target.value as FeeRate['kind']))}>
            <option value="flat">Flat amount</option>
            <option value="percent">Percentage</option>
          </select>
          {fee.kind === 'flat' ? (
            <TextInput keys={[...at, 'fee', 'amount']} />
          ) : (
            <>
              <TextInput keys={[...at, 'fee', 'percent']} kind="percent" label="Percent" />
              <TextInput keys={[...at, 'fee', 'minimumAmount']} label="At least ($)" optional />
            </>
          )}
        </div>
      </td>
      <td>
        <button type="button" className="link-button" onClick={() => update(removeFee(form, index, row))}>
          Remove<span className="visually-hidden"> fee {code || row + 1}</span>
        </button>
      </td>
    </tr>
  );
}
