import type { ReactNode } from 'react';
import type { Query } from '../client';
import { Alert } from './Alert';

/** Shows a query's answer, its refusal, or that it is on its way. */
export function Loaded<Value>({ query, children }: { query: Query<Value>; children: (value: Value) => ReactNode }) {
  if (query.error) return <Alert kind="error">{query.error.message}</Alert>;
  if (query.data === undefined) return <p className="muted">Loading…</p>;
  return <>{children(query.data)}</>;
}
