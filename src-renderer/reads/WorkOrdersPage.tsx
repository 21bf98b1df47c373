/** The field work orders the read review created: re-reads, leak checks, high-usage checks. */
import { useState } from 'react';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPE_LABELS, type WorkOrder, type WorkOrderStatus } from '../../src-shared/contract/reads';
import { useCan } from '../app/session';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Form, FormActions } from '../ui/Form';
import { Loaded } from '../ui/Loading';
import { formatDateTime, humanize } from '../ui/format';

export function WorkOrdersPage({ onChanged }: { onChanged: () => void }) {
  const canAct = useCan('technician');
  const [status, setStatus] = useState<WorkOrderStatus | ''>('open');
  const orders = useQuery('workOrders.list', status ? { status } : {});
  const [closing, setClosing] = useState<{ order: WorkOrder; to: 'completed' | 'cancelled' } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-label="Work orders">
      <div className="review-filters">
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.target.value as WorkOrderStatus | '')}>
            {WORK_ORDER_STATUSES.map((option) => (
              <option key={option} value={option}>
                {humanize(option)}
              </option>
            ))}
            <option value="">Any status</option>
          </select>
        </label>
      </div>
      {message && <Alert kind="success">{message}</Alert>}
      <Loaded query={orders}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No {status || ''} work orders.</p>
          ) : (
            <table className="table" aria-label="Work orders list">
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Account</th>
                  <th scope="col">Address</th>
                  <th scope="col">Meter</th>
                  <th scope="col">Ordered</th>
                  <th scope="col">Notes</th>
                  {canAct && <th scope="col"><span className="visually-hidden">Actions</span></th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((order) => (
                  <tr key={order.workOrderId}>
                    <td className="num">{order.workOrderId}</td>
                    <td className="nowrap">{WORK_ORDER_TYPE_LABELS[order.type]}</td>
                    <td>
                      {humanize(order.status)}
                      {order.closedAt && <div className="muted">{formatDateTime(order.closedAt)} by {order.closedBy}</div>}
                    </td>
                    <td className="nowrap">{order.accountId ? <a href={`#/accounts/${order.accountId}/meter`}>{order.accountNumber}</a> : '—'}</td>
                    <td>{order.serviceAddress}</td>
                    <td className="mono">{order.meterSerial ?? '—'}</td>
                    <td>
                      {formatDateTime(order.createdAt)} <span className="muted">by {order.createdBy}</span>
                    </td>
                    <td className="memo">{order.notes}</td>
                    {canAct && (
                      <td>
                        {order.status === 'open' && (
                          <div className="row-buttons">
                            <button type="button" className="button-small" onClick={() => setClosing({ order, to: 'completed' })}>
                              Complete…
                            </button>
                            <button type="button" className="button-small" onClick={() => setClosing({ order, to: 'cancelled' })}>
                              Cancel order…
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {closing && (
        <CloseDialog
          order={closing.order}
          to={closing.to}
          onClose={() => setClosing(null)}
          onDone={(order) => {
            setClosing(null);
            // The orders reload themselves from the change feed (reads area).
            setMessage(`Work order #${order.workOrderId} ${order.status} by ${order.closedBy ?? ''}.`);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function CloseDialog({ order, to, onClose, onDone }: { order: WorkOrder; to: 'completed' | 'cancelled'; onClose: () => void; onDone: (order: WorkOrder) => void }) {
  const submission = useSubmission();
  const [notes, setNotes] = useState('');
  const verb = to === 'completed' ? 'Complete' : 'Cancel';
  const send = async () => {
    const result = await submission.send('workOrders.setStatus', { workOrderId: order.workOrderId, status: to, notes });
    if (result.ok) onDone(result.value);
  };
  return (
    <Dialog title={`${verb} work order #${order.workOrderId}`} onClose={onClose}>
      <p>
        {WORK_ORDER_TYPE_LABELS[order.type]} at <bdi>{order.serviceAddress}</bdi>, meter <span className="mono">{order.meterSerial ?? '—'}</span>
      </p>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={submission.error?.message} aria-label={`${verb} work order`}>
        <Field name="notes" label="Notes (optional)">
          <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {verb} work order
        </FormActions>
      </Form>
    </Dialog>
  );
}
