/** What computeBill is given: the facts of an account's services for one billing period. */
import type { MeterSize, RateClass, ServiceKind } from '../../../src-shared/contract/accounts';
import type { WastewaterMethod } from '../../../src-shared/contract/rates';
import type { RoundingRule } from '../../../src-shared/money';
import type { RateBook } from './book';

/** One account service (a row of account_services, with its meter's size for water). */
export interface ServiceFacts {
  /** The caller's id (account_services.id), carried onto the service's lines. */
  serviceId?: number;
  service: ServiceKind;
  rateClass: RateClass;
  /** Water: the meter's size, spelled as meters.size ("3/4", "1-1/2"). */
  meterSize?: MeterSize;
  /** Dwelling units, or EDUs for a business on flat wastewater; default 1. */
  dwellingUnits?: number;
  /** Private fire: the line size in whole inches. */
  fireLineSizeInches?: number;
  /** Wastewater: overrides the class's method in the schedule. */
  wastewaterMethod?: WastewaterMethod;
  /** First day of service, when it began inside the period (a first bill). */
  startedOn?: string;
  /**
   * The move-out day (the final read's date), when service ended inside the period (a final
   * bill). It is not billed to this service: a new customer moving in that day starts then.
   */
  endedOn?: string;
}

/** A one-off fee from the schedule's fee table, charged on this bill. */
export interface FeeRequest {
  code: string;
  /** For a percentage fee (a late charge): the amount it is a percentage of. */
  baseCents?: number;
}

export interface BillInput {
  rates: RateBook;
  /** The billing period [fromDate, toDate): the prior read's date to this read's date. */
  period: { fromDate: string; toDate: string };
  services: readonly ServiceFacts[];
  /** The period's water use in HCF: an exact decimal string, at most 4 places ("13", "12.5"). */
  usageHcf: string;
  /** The read was estimated: the usage line says so (the next actual read trues it up). */
  estimated?: boolean;
  /** Average monthly winter use in HCF, for wastewater billed on it. */
  winterAverageHcf?: string;
  fees?: readonly FeeRequest[];
  /** Default: the district's ROUNDING_RULE (half-up per line). */
  rounding?: RoundingRule;
}
