import { useState } from 'react';
import type { InputOf } from '../../src-shared/contract';
import type { PdfFile } from '../../src-shared/contract/payments';
import { client } from '../client';
import { Alert } from '../ui/Alert';
import { pdfBlob } from './cashFormat';

type PdfOperation = 'payments.receiptPdf' | 'deposit.slipPdf' | 'endOfDay.pdf';

interface PdfButtonProps<Name extends PdfOperation> {
  op: Name;
  input: InputOf<Name>;
  label: string;
}

/** Makes a PDF; the link it leaves downloads it to print or keep. */
export function PdfButton<Name extends PdfOperation>({ op, input, label }: PdfButtonProps<Name>) {
  const [pending, setPending] = useState(false);
  const [made, setMade] = useState<{ fileName: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    setPending(true);
    setError(null);
    const result = await client.call(op, input);
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    const file = result.value as PdfFile;
    setMade({ fileName: file.fileName, url: URL.createObjectURL(pdfBlob(file.pdfBase64)) });
  };
  return (
    <span className="pdf-button">
      <button type="button" onClick={() => void make()} disabled={pending}>
        {pending ? 'Making the PDF…' : label}
      </button>
      {made && (
        <a href={made.url} download={made.fileName} className="download-link">
          Download {made.fileName}
        </a>
      )}
      {error && <Alert kind="error">{error}</Alert>}
    </span>
  );
}
