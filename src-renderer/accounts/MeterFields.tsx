import { METER_SIZES, METER_UNITS, type MeterSize, type MeterUnit } from '../../src-shared/contract/accounts';
import { Field } from '../ui/Field';
import type { MeterDraft, OpenAccountField } from './openAccountDraft';

interface MeterFieldsProps {
  value: MeterDraft;
  onChange: (next: MeterDraft) => void;
  errorOf: (name: OpenAccountField) => string | undefined;
}

/** The meter set at the service: serial, size, register and starting reading. */
export function MeterFields({ value, onChange, errorOf }: MeterFieldsProps) {
  const set = (changes: Partial<MeterDraft>) => onChange({ ...value, ...changes });
  return (
    <>
      <div className="form-row">
        <Field name="meter.serial" label="Meter serial" error={errorOf('meter.serial')}>
          <input value={value.serial} onChange={(event) => set({ serial: event.target.value })} />
        </Field>
        <Field name="meter.size" label="Size (inches)" error={errorOf('meter.size')}>
          <select value={value.size} onChange={(event) => set({ size: event.target.value as MeterSize })}>
            {METER_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}"
              </option>
            ))}
          </select>
        </Field>
        <Field name="meter.unit" label="Register unit" error={errorOf('meter.unit')}>
          <select value={value.unit} onChange={(event) => set({ unit: event.target.value as MeterUnit })}>
            {METER_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row">
        <Field name="meter.dials" label="Dials" error={errorOf('meter.dials')}>
          <input className="input-short" inputMode="numeric" value={value.dials} onChange={(event) => set({ dials: event.target.value })} />
        </Field>
        <Field name="meter.multiplier" label="Multiplier" error={errorOf('meter.multiplier')}>
          <input className="input-short" value={value.multiplier} onChange={(event) => set({ multiplier: event.target.value })} />
        </Field>
        <Field name="meter.installedOn" label="Installed on" error={errorOf('meter.installedOn')}>
          <input type="date" value={value.installedOn} onChange={(event) => set({ installedOn: event.target.value })} />
        </Field>
        <Field name="meter.initialReading" label="Starting reading" error={errorOf('meter.initialReading')}>
          <input
            className="input-short"
            inputMode="numeric"
            value={value.initialReading}
            onChange={(event) => set({ initialReading: event.target.value })}
          />
        </Field>
      </div>
    </>
  );
}
