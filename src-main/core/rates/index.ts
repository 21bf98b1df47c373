/** core/rates: rate schedules as data and the pure bill computation (README.md). */
export { createRateBook, scheduleOn, segmentsOf, type PreparedSchedule, type RateBook, type ScheduleSegment } from './book';
export { computeBill, MAX_PERIOD_DAYS } from './bill';
export { splitUsage } from './charges';
export { dateOfDay, dayNumber, dayNumberOrNull } from './dates';
export { formatRate, HCF_PLACES } from './decimal';
export {
  jsonPath, loadRateBook, MAX_RATE_DOCUMENT_BYTES, parseRateDocument, RateDocumentError, rateDocumentProblems, serializeRateDocument,
  type RateDocumentProblem,
} from './document';
export { computeFee } from './fees';
export type { BillInput, FeeRequest, ServiceFacts } from './types';
