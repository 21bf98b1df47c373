/** The renderer's client module: everything screens need to run operations. */
export { client } from './instance';
export { newIdempotencyKey, tidyError } from './client';
export type { ApprovalPrompt, ApprovalRequest, CallOptions } from './client';
export { useQuery, useSubmission, type Query, type SubmissionState } from './hooks';
export { desktopBridge } from './transport';
