import { Field } from '../ui/Field';
import type { LocationDraft, OpenAccountField } from './openAccountDraft';

interface LocationFieldsProps {
  value: LocationDraft;
  onChange: (next: LocationDraft) => void;
  errorOf: (name: OpenAccountField) => string | undefined;
}

/** Where the service is: address, parcel, and its place in the read route. */
export function LocationFields({ value, onChange, errorOf }: LocationFieldsProps) {
  const set = (changes: Partial<LocationDraft>) => onChange({ ...value, ...changes });
  return (
    <>
      <div className="form-row">
        <Field name="location.street" label="Service address" error={errorOf('location.street')}>
          <input value={value.street} onChange={(event) => set({ street: event.target.value })} />
        </Field>
        <Field name="location.unit" label="Unit" error={errorOf('location.unit')}>
          <input className="input-short" value={value.unit} onChange={(event) => set({ unit: event.target.value })} />
        </Field>
      </div>
      <div className="form-row">
        <Field name="location.city" label="City" error={errorOf('location.city')}>
          <input value={value.city} onChange={(event) => set({ city: event.target.value })} />
        </Field>
        <Field name="location.state" label="State" error={errorOf('location.state')}>
          <input className="input-short" maxLength={2} value={value.state} onChange={(event) => set({ state: event.target.value })} />
        </Field>
        <Field name="location.zip" label="ZIP" error={errorOf('location.zip')}>
          <input className="input-short" value={value.zip} onChange={(event) => set({ zip: event.target.value })} />
        </Field>
        <Field name="location.parcelNumber" label="Parcel (APN)" error={errorOf('location.parcelNumber')}>
          <input value={value.parcelNumber} onChange={(event) => set({ parcelNumber: event.target.value })} />
        </Field>
      </div>
      <div className="form-row">
        <Field name="location.route" label="Route" error={errorOf('location.route')}>
          <input className="input-short" value={value.route} onChange={(event) => set({ route: event.target.value })} />
        </Field>
        <Field name="location.sequence" label="Sequence" error={errorOf('location.sequence')}>
          <input className="input-short" inputMode="numeric" value={value.sequence} onChange={(event) => set({ sequence: event.target.value })} />
        </Field>
        <Field name="location.cycle" label="Cycle" error={errorOf('location.cycle')}>
          <input className="input-short" inputMode="numeric" value={value.cycle} onChange={(event) => set({ cycle: event.target.value })} />
        </Field>
      </div>
    </>
  );
}
