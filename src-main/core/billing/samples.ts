/**
 * Sample bills for the rate editor: typical customers billed under a draft rate document beside
 * the rates in force, so the effect of a change is seen before it is saved.
 */
import type { ComputedBill } from '../../../src-shared/contract/rates';
import { OfficeError } from '../errors';
import { computeBill, loadRateBook, type RateBook, type ServiceFacts } from '../rates';

interface Sample {
  label: string;
  services: ServiceFacts[];
  usageHcf: string;
  winterAverageHcf?: string;
}

const SAMPLES: readonly Sample[] = [
  { label: 'Residential 5/8", 6 HCF (low use)', usageHcf: '6', winterAverageHcf: '6', services: [{ service: 'water', rateClass: 'residential', meterSize: '5/8' }, { service: 'wastewater', rateClass: 'residential' }] },
  { label: 'Residential 3/4", 13 HCF (typical)', usageHcf: '13', winterAverageHcf: '9', services: [{ service: 'water', rateClass: 'residential', meterSize: '3/4' }, { service: 'wastewater', rateClass: 'residential' }] },
  { label: 'Residential 1", 40 HCF (summer irrigation)', usageHcf: '40', winterAverageHcf: '12', services: [{ service: 'water', rateClass: 'residential', meterSize: '1' }, { service: 'wastewater', rateClass: 'residential' }] },
  { label: 'Fourplex 1-1/2", 4 units, 30 HCF', usageHcf: '30', winterAverageHcf: '24', services: [{ service: 'water', rateClass: 'multi_family', meterSize: '1-1/2', dwellingUnits: 4 }, { service: 'wastewater', rateClass: 'multi_family', dwellingUnits: 4 }] },
  { label: 'Commercial 2", 80 HCF, 4" fire line', usageHcf: '80', winterAverageHcf: '70', services: [{ service: 'water', rateClass: 'commercial', meterSize: '2' }, { service: 'wastewater', rateClass: 'commercial' }, { service: 'private_fire', rateClass: 'commercial', fireLineSizeInches: 4 }] },
  { label: 'Irrigation 2", 150 HCF', usageHcf: '150', services: [{ service: 'water', rateClass: 'irrigation', meterSize: '2' }] },
];

/** One month ending on `onDate`: [onDate − 30 days, onDate). */
function monthEndingOn(onDate: string): { fromDate: string; toDate: string } {
  const end = new Date(`${onDate}T00:00:00Z`);
  const start = new Date(end.getTime() - 30 * 86_400_000);
  return { fromDate: start.toISOString().slice(0, 10), toDate: onDate };
}

function billOrError(book: RateBook, sample: Sample, period: { fromDate: string; toDate: string }): { bill: ComputedBill | null; error: string | null } {
  try {
    return { bill: computeBill({ rates: book, period, services: sample.services, usageHcf: sample.usageHcf, ...(sample.winterAverageHcf ? { winterAverageHcf: sample.winterAverageHcf } : {}) }), error: null };
  } catch (error) {
    if (error instanceof OfficeError) return { bill: null, error: error.message };
    throw error;
  }
}

/** The samples under the draft document (validated first: a bad one is refused whole) and under the rates in force. */
export function previewSamples(draftJson: string, current: RateBook | null, onDate: string) {
  const draft = loadRateBook(draftJson);
  const period = monthEndingOn(onDate);
  return {
    samples: SAMPLES.map((sample) => {
      const drafted = billOrError(draft, sample, period);
      const before = current ? billOrError(current, sample, period).bill : null;
      return { label: sample.label, current: before, draft: drafted.bill, error: drafted.error };
    }),
  };
}
