import { useEffect, useState } from 'react';
import type { SupervisorApproval } from '../../src-shared/contract';
import { client, type ApprovalRequest } from '../client';
import { ApprovalDialog } from './ApprovalDialog';

interface Pending {
  request: ApprovalRequest;
  answer: (approval: SupervisorApproval | null) => void;
}

/** Answers the client's "a supervisor must approve this" with a prompt on the spot. */
export function ApprovalHost() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [lastUsername, setLastUsername] = useState('');
  useEffect(() => {
    client.setApprovalPrompt((request) => new Promise((resolve) => setPending({ request, answer: resolve })));
    return () => client.setApprovalPrompt(null);
  }, []);
  if (!pending) return null;
  const finish = (approval: SupervisorApproval | null) => {
    setPending(null);
    if (approval) setLastUsername(approval.username);
    pending.answer(approval);
  };
  return (
    <ApprovalDialog
      request={pending.request}
      // After a wrong password the same supervisor usually tries again.
      initialUsername={pending.request.refusal ? lastUsername : ''}
      onApprove={finish}
      onCancel={() => finish(null)}
    />
  );
}
