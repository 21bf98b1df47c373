/**
 * How to read a file: one of the built-in vendor formats, or a generic CSV described by a
 * column-mapping profile that the office saves per read source.
 */
import { z } from 'zod';
import { METER_UNITS } from '../../../../src-shared/contract/accounts';
import { BUILT_IN_READ_FORMAT_LABELS, type BuiltInReadFormat } from '../../../../src-shared/contract/reads';
import { safeText } from '../../../../src-shared/contract/fields';
import { CSV_DATE_FORMATS } from './values';

export { CSV_DATE_FORMATS, type CsvDateFormat } from './values';

/** Delimiters a CSV profile can name: comma, semicolon, tab, pipe. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

/** A column by its header name (needs hasHeader) or by its 1-based position. */
const columnRef = z.union([
  z.number().int('A column number is a whole number').min(1, 'Columns are numbered from 1').max(200, 'At most 200 columns'),
  safeText('Column name').min(1, 'Name the column').max(100, 'A column name is at most 100 characters'),
]);
export type ColumnRef = z.output<typeof columnRef>;

const flagValue = safeText('Flag value').min(1, 'A flag value cannot be empty').max(20, 'A flag value is at most 20 characters');

/** A yes/no column: the values that mean yes, and optionally the only values that mean no. */
const flagColumn = z.strictObject({
  column: columnRef,
  trueValues: z.array(flagValue).min(1, 'List the values that mean yes').max(20),
  /** When given, a value in neither list is a problem; when omitted, any other value means no. "" = an empty cell. */
  falseValues: z.array(safeText('Flag value').max(20, 'A flag value is at most 20 characters')).max(20).optional(),
});

export const csvMappingProfileSchema = z
  .strictObject({
    name: safeText('Profile name').min(1, 'Profile name is required').max(60, 'Profile name is at most 60 characters'),
    delimiter: z.enum(CSV_DELIMITERS, 'The delimiter is one of , ; tab |').default(','),
    hasHeader: z.boolean().default(true),
    /** Lines above the header (or the first read) to skip, such as a report title. */
    skipLines: z.number().int().min(0).max(100, 'Skip at most 100 lines').default(0),
    dateFormat: z.enum(CSV_DATE_FORMATS, `The date format is one of ${CSV_DATE_FORMATS.join(', ')}`),
    columns: z.strictObject({
      meterSerial: columnRef,
      reading: columnRef,
      readDate: columnRef,
      readTime: columnRef.optional(),
      accountNumber: columnRef.optional(),
      unit: columnRef.optional(),
    }),
    /** The unit of every reading, when the file has no unit column. */
    fixedUnit: z.enum(METER_UNITS).optional(),
    estimated: flagColumn.optional(),
    leak: flagColumn.optional(),
  })
  .superRefine((profile, ctx) => {
    if (profile.columns.unit !== undefined && profile.fixedUnit !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['fixedUnit'], message: 'Choose a unit column or a fixed unit, not both' });
    }
    if (profile.dateFormat === 'ISO' && profile.columns.readTime !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'readTime'], message: 'An ISO date-time already carries the time; remove the time column' });
    }
    if (!profile.hasHeader) {
      const named: [string[], ColumnRef | undefined][] = [
        ...Object.entries(profile.columns).map(([key, ref]): [string[], ColumnRef | undefined] => [['columns', key], ref]),
        [['estimated', 'column'], profile.estimated?.column],
        [['leak', 'column'], profile.leak?.column],
      ];
      for (const [path, ref] of named) {
        if (typeof ref === 'string') ctx.addIssue({ code: 'custom', path, message: 'Without a header line, give the column number, not a name' });
      }
    }
  });

export type CsvMappingProfile = z.output<typeof csvMappingProfileSchema>;
export type CsvMappingProfileInput = z.input<typeof csvMappingProfileSchema>;

/** Which Sensus CMEP field carries the meter number (Sensus lets each utility choose). */
export const CMEP_METER_ID_FIELDS = ['meterId', 'receiverCustomerId', 'receiverId'] as const;
export type CmepMeterIdField = (typeof CMEP_METER_ID_FIELDS)[number];

/** How many reads one CMEP record with several readings gives. */
export const CMEP_READS_PER_RECORD = ['last', 'all'] as const;
export type CmepReadsPerRecord = (typeof CMEP_READS_PER_RECORD)[number];

export const MAX_CROSSWALK_ENTRIES = 500_000;

export const readFileProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('badger-beacon') }),
  z.strictObject({ kind: z.literal('itron-register') }),
  z.strictObject({
    kind: z.literal('sensus-cmep'),
    /** CMEP meter id → the office's meter serial; ids not listed are used as the serial. */
    crosswalk: z
      .record(safeText('Crosswalk meter id').min(1).max(60), safeText('Crosswalk meter serial').min(1).max(30))
      .refine((map) => Object.keys(map).length <= MAX_CROSSWALK_ENTRIES, `At most ${MAX_CROSSWALK_ENTRIES} crosswalk entries`)
      .optional(),
    meterIdField: z.enum(CMEP_METER_ID_FIELDS).default('meterId'),
    readsPerRecord: z.enum(CMEP_READS_PER_RECORD).default('last'),
  }),
  z.strictObject({ kind: z.literal('csv'), mapping: csvMappingProfileSchema }),
]);

/** What parseReadFile accepts (defaults not yet applied). */
export type ReadFileProfile = z.input<typeof readFileProfileSchema>;

export interface BuiltInProfile {
  name: BuiltInReadFormat;
  label: string;
  description: string;
}

/** The vendor formats the office reads without a mapping profile (see docs/formats/reads.md). */
export const BUILT_IN_PROFILES: readonly BuiltInProfile[] = [
  {
    name: 'badger-beacon',
    label: BUILT_IN_READ_FORMAT_LABELS['badger-beacon'],
    description:
      'CSV with a header: Account_ID, Meter_ID, Read, Read_Unit (CCF, CF, GAL, KGAL), Read_Time, Estimated_Flag, Current_Leak_Rate, Dials, Register_Resolution. A leak rate above 0 flags a leak.',
  },
  {
    name: 'itron-register',
    label: BUILT_IN_READ_FORMAT_LABELS['itron-register'],
    description:
      'CSV with a header: Timestamp, Read_Value, Meter_Serial_Number, EndpointID, Location_ID, Read_Units (CF_WAT, GAL_WAT...). Read_Value 4294967294 or 4294967295 marks a faulted register.',
  },
  {
    name: 'sensus-cmep',
    label: BUILT_IN_READ_FORMAT_LABELS['sensus-cmep'],
    description:
      'California Metering Exchange Protocol MEPMD01 records from a Sensus FlexNet head-end: register reads (units CFREG, GALREG...) as date-time/quality/value triplets, "E" quality = estimate. No account number: meter ids can be mapped to serials with a crosswalk.',
  },
];
