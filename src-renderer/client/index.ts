/** The renderer's client module: everything screens need to run operations. */
export { client } from './instance';
export { newIdempotencyKey } from './client';
export type { ApprovalRequest } from './client';
export { useChanges, useQuery, useSubmission, type Query } from './hooks';
export { desktopBridge } from './transport';
