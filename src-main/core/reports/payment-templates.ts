/**
 * Handlebars templates of the cash drawer's documents (payment-pdfs.ts formats every value):
 * the receipt on the top half of a letter page (cut or folded off), the same receipt on an 80 mm
 * thermal roll, the bank deposit slip, and the end-of-day report.
 */
const BASE_STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2430; }
  table { border-collapse: collapse; width: 100%; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .muted { color: #5a6474; }
  .banner { border: 1.5pt solid #a8200d; color: #a8200d; font-weight: 700; text-align: center; padding: 3pt; margin: 6pt 0; letter-spacing: 0.4pt; }
`;

const LETTER_STYLE = `${BASE_STYLE}
  @page { size: 8.5in 11in; margin: 0; }
  body { font-size: 9.5pt; }
  .page { width: 8.5in; padding: 0.5in 0.6in; }
  .head { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 1.5pt solid #0b4f7c; padding-bottom: 6pt; }
  .district-name { font-size: 15pt; font-weight: 700; color: #0b4f7c; }
  .district-lines { color: #4a5565; line-height: 1.35; margin-top: 2pt; }
  .doc-title { text-align: right; }
  .doc-title .title { font-size: 13pt; font-weight: 700; }
  .doc-title .sub { color: #4a5565; margin-top: 2pt; line-height: 1.4; }
  h2 { font-size: 9.5pt; margin: 12pt 0 3pt 0; padding-bottom: 2pt; border-bottom: 1pt solid #0b4f7c; color: #0b4f7c; text-transform: uppercase; letter-spacing: 0.4pt; }
  th { text-align: left; font-weight: 600; color: #5a6474; font-size: 8.5pt; border-bottom: 0.6pt solid #c9d3de; padding: 2pt 4pt; }
  th.num { text-align: right; }
  td { padding: 3pt 4pt; border-bottom: 0.5pt solid #e3e8ee; vertical-align: top; }
  tr.total td { font-weight: 700; border-top: 1pt solid #1d2430; border-bottom: none; }
`;

const RECEIPT_STYLE = `${LETTER_STYLE}
  .page { height: 5.5in; overflow: hidden; position: relative; }
  .cut { position: absolute; left: 0; right: 0; bottom: 0; border-top: 1pt dashed #8a94a3; }
  .facts { display: flex; gap: 0.3in; margin-top: 8pt; }
  .facts div span { color: #5a6474; margin-right: 4pt; }
  .totals { width: 2.8in; margin-left: auto; margin-top: 8pt; }
  .totals td { border: none; padding: 1.5pt 4pt; }
  .totals tr.change td { font-size: 12pt; font-weight: 700; border-top: 1pt solid #1d2430; padding-top: 4pt; }
  .thanks { margin-top: 10pt; color: #4a5565; }
`;

const DISTRICT_HEAD = `
    <div>
      <div class="district-name">{{district.name}}</div>
      <div class="district-lines">{{#each district.addressLines}}{{this}}<br>{{/each}}{{#if district.phone}}Phone {{district.phone}}{{/if}}</div>
    </div>`;

const RECEIPT_BODY = `
  {{#if banner}}<div class="banner">{{banner}}</div>{{/if}}
  <div class="facts">
    <div><span>Received</span>{{receivedAt}}</div>
    <div><span>Clerk</span>{{clerk}}</div>
    {{#if workstation}}<div><span>Station</span>{{workstation}}</div>{{/if}}
    <div><span>By</span>{{channel}}</div>
  </div>
  {{#if payerName}}<div class="facts"><div><span>Paid by</span>{{payerName}}</div></div>{{/if}}
  <h2>Paid on</h2>
  <table>
    <tr><th>Account</th><th>Customer and service address</th><th class="num">Paid</th><th class="num">{{balanceHeading}}</th></tr>
    {{#each accounts}}<tr><td>{{accountNumber}}</td><td>{{customerName}}<br><span class="muted">{{serviceAddress}}</span></td><td class="num">{{amount}}</td><td class="num">{{balance}}</td></tr>{{/each}}
  </table>
  <h2>Tendered</h2>
  <table>
    {{#each tenders}}<tr><td>{{kind}} <span class="muted">{{detail}}</span></td><td class="num">{{amount}}</td></tr>{{/each}}
  </table>
  <table class="totals">
    <tr><td>Payment</td><td class="num">{{amount}}</td></tr>
    <tr><td>Tendered</td><td class="num">{{tendered}}</td></tr>
    {{#if credit}}<tr><td>Left as credit</td><td class="num">{{credit}}</td></tr>{{/if}}
    <tr class="change"><td>Change</td><td class="num">{{change}}</td></tr>
  </table>
`;

export const RECEIPT_LETTER_TEMPLATE = `<!doctype html><html><head><meta charset="utf-8"><title>{{title}}</title><style>${RECEIPT_STYLE}</style></head><body>
<div class="page">
  <div class="head">${DISTRICT_HEAD}
    <div class="doc-title"><div class="title">Payment receipt</div><div class="sub">Receipt {{receiptNumber}}</div></div>
  </div>
  ${RECEIPT_BODY}
  <div class="thanks">Thank you. Keep this receipt as proof of payment.</div>
  <div class="cut"></div>
</div>
</body></html>`;

const ROLL_STYLE = `${BASE_STYLE}
  @page { margin: 0; }
  body { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; }
  .roll { width: 80mm; padding: 4mm 4mm; }
  .center { text-align: center; }
  .name { font-size: 11pt; font-weight: 700; }
  .rule { border-top: 1px dashed #1d2430; margin: 2mm 0; }
  .big { font-size: 13pt; font-weight: 700; }
  td { padding: 0.4mm 0; vertical-align: top; }
  .account td { padding-top: 1mm; }
  .banner { font-size: 8pt; padding: 1mm; }
`;

export const RECEIPT_ROLL_TEMPLATE = `<!doctype html><html><head><meta charset="utf-8"><title>{{title}}</title><style>${ROLL_STYLE}</style></head><body>
<div class="roll">
  <div class="center name">{{district.name}}</div>
  <div class="center">{{#each district.addressLines}}{{this}}<br>{{/each}}{{#if district.phone}}{{district.phone}}{{/if}}</div>
  <div class="rule"></div>
  <div class="center big">RECEIPT {{receiptNumber}}</div>
  {{#if banner}}<div class="banner">{{banner}}</div>{{/if}}
  <div class="center">{{receivedAt}}</div>
  <div class="center">Clerk {{clerk}}{{#if workstation}} · {{workstation}}{{/if}}</div>
  {{#if payerName}}<div class="center">Paid by {{payerName}}</div>{{/if}}
  <div class="rule"></div>
  <table>
    {{#each accounts}}
    <tr class="account"><td colspan="2"><b>Acct {{accountNumber}}</b></td></tr>
    <tr><td colspan="2">{{customerName}}</td></tr>
    <tr><td>Paid</td><td class="num">{{amount}}</td></tr>
    <tr><td>{{@root.balanceHeading}}</td><td class="num">{{balance}}</td></tr>
    {{/each}}
  </table>
  <div class="rule"></div>
  <table>
    {{#each tenders}}<tr><td>{{kind}}{{#if detail}}<br>&nbsp;{{detail}}{{/if}}</td><td class="num">{{amount}}</td></tr>{{/each}}
  </table>
  <div class="rule"></div>
  <table>
    <tr><td>PAYMENT</td><td class="num">{{amount}}</td></tr>
    <tr><td>TENDERED</td><td class="num">{{tendered}}</td></tr>
    {{#if credit}}<tr><td>LEFT AS CREDIT</td><td class="num">{{credit}}</td></tr>{{/if}}
    <tr class="big"><td>CHANGE</td><td class="num">{{change}}</td></tr>
  </table>
  <div class="rule"></div>
  <div class="center">Thank you</div>
</div>
</body></html>`;

export const DEPOSIT_TEMPLATE = `<!doctype html><html><head><meta charset="utf-8"><title>{{title}}</title><style>${LETTER_STYLE}
  .summary { width: 3.4in; margin-left: auto; }
  .summary td { border: none; padding: 2pt 4pt; }
  .summary tr.total td { font-size: 12pt; }
  .sign { display: flex; gap: 0.4in; margin-top: 0.45in; }
  .sign div { flex: 1; border-top: 0.8pt solid #1d2430; padding-top: 2pt; color: #5a6474; font-size: 8.5pt; }
</style></head><body>
<div class="page">
  <div class="head">${DISTRICT_HEAD}
    <div class="doc-title"><div class="title">Bank deposit slip</div>
      <div class="sub">Deposit {{depositId}}<br>Business day {{businessDate}}<br>Drawers {{drawers}}</div></div>
  </div>
  <h2>Summary</h2>
  <table class="summary">
    <tr><td>Currency</td><td class="num">{{currency}}</td></tr>
    <tr><td>Coin</td><td class="num">{{coin}}</td></tr>
    <tr><td>Checks and money orders ({{itemCount}})</td><td class="num">{{itemsTotal}}</td></tr>
    <tr class="total"><td>Total deposit</td><td class="num">{{total}}</td></tr>
  </table>
  <h2>Checks and money orders</h2>
  <table>
    <tr><th>#</th><th>Kind</th><th>Number</th><th>Drawn on / issuer</th><th>Receipt</th><th class="num">Amount</th></tr>
    {{#each items}}<tr><td>{{line}}</td><td>{{kind}}</td><td>{{number}}</td><td>{{drawnOn}}</td><td>{{receiptNumber}}</td><td class="num">{{amount}}</td></tr>{{/each}}
    {{#unless items.length}}<tr><td colspan="6" class="muted">No checks or money orders in this deposit.</td></tr>{{/unless}}
    <tr class="total"><td colspan="5">Total checks and money orders</td><td class="num">{{itemsTotal}}</td></tr>
  </table>
  <div class="sign"><div>Prepared by {{createdBy}}, {{createdAt}}</div><div>Verified by</div><div>Bank teller</div></div>
</div>
</body></html>`;

export const END_OF_DAY_TEMPLATE = `<!doctype html><html><head><meta charset="utf-8"><title>{{title}}</title><style>${LETTER_STYLE}
  .state { margin-top: 8pt; padding: 4pt 8pt; font-weight: 700; border: 1.2pt solid; }
  .state-final { color: #1d6b35; border-color: #1d6b35; }
  .state-draft { color: #0b4f7c; border-color: #0b4f7c; }
  .state-fails { color: #a8200d; border-color: #a8200d; }
  .ok { color: #1d6b35; font-weight: 700; }
  .fail { color: #a8200d; font-weight: 700; }
  tr.failed td { background: #fbeae7; }
  .cols { display: flex; gap: 0.3in; }
  .cols > div { flex: 1; }
  .seal { margin-top: 4pt; padding: 3pt 8pt; border: 0.8pt dashed #555; font-size: 7.5pt; }
  .seal .mono { font-family: "DejaVu Sans Mono", "Courier New", monospace; word-break: break-all; }
</style></head><body>
<div class="page">
  <div class="head">${DISTRICT_HEAD}
    <div class="doc-title"><div class="title">End-of-day report</div><div class="sub">{{businessDate}}</div></div>
  </div>
  <div class="state state-{{state.kind}}">{{state.text}}</div>
  {{#if seal}}<div class="seal"><b>Audit seal</b> — the audit trail ended at record {{seal.seq}} when this day was finalised (office key {{seal.keyId}}). Keep this page: Verify proves the trail still holds this record unchanged.<br>
    <span class="mono">Record hash {{seal.hash}}</span><br><span class="mono">Seal {{seal.seal}}</span></div>{{/if}}
  <h2>Balance checks</h2>
  <table>
    <tr><th></th><th>Check</th><th class="num">Left</th><th class="num">Right</th><th>Where they disagree</th></tr>
    {{#each assertions}}<tr{{#unless ok}} class="failed"{{/unless}}><td>{{#if ok}}<span class="ok">OK</span>{{else}}<span class="fail">FAILS</span>{{/if}}</td><td>{{name}}</td><td class="num">{{left}}</td><td class="num">{{right}}</td><td>{{detail}}</td></tr>{{/each}}
  </table>
  <div class="cols">
    <div>
      <h2>Payments by tender</h2>
      <table>
        <tr><th>Tender</th><th class="num">Count</th><th class="num">Amount</th></tr>
        {{#each byTender}}<tr><td>{{tender}}</td><td class="num">{{count}}</td><td class="num">{{amount}}</td></tr>{{/each}}
        <tr class="total"><td>Tendered</td><td></td><td class="num">{{tenderTotal}}</td></tr>
      </table>
      <p class="muted">Change given {{change}} · Payment register {{paymentRegister}} · Receipt register {{receiptRegister}} · Over/short {{overShort}}</p>
    </div>
    <div>
      <h2>Deposits</h2>
      <table>
        <tr><th>Deposit</th><th class="num">Currency</th><th class="num">Coin</th><th class="num">Items</th><th class="num">Total</th></tr>
        {{#each deposits}}<tr><td>#{{depositId}}</td><td class="num">{{currency}}</td><td class="num">{{coin}}</td><td class="num">{{items}}</td><td class="num">{{total}}</td></tr>{{/each}}
        {{#unless deposits.length}}<tr><td colspan="5" class="muted">No deposit yet.</td></tr>{{/unless}}
      </table>
    </div>
  </div>
  <h2>Drawers</h2>
  <table>
    <tr><th>Drawer</th><th>Clerk</th><th>Station</th><th>Status</th><th class="num">Payments</th><th class="num">Amount</th><th>Over/short</th><th>Deposit</th></tr>
    {{#each byDrawer}}<tr><td>#{{drawerId}}</td><td>{{clerk}}</td><td>{{workstation}}</td><td>{{status}}</td><td class="num">{{paymentCount}}</td><td class="num">{{payments}}</td><td>{{overShort}}{{#if reason}}<br><span class="muted">{{reason}}</span>{{/if}}</td><td>{{deposit}}</td></tr>{{/each}}
    {{#unless byDrawer.length}}<tr><td colspan="8" class="muted">No drawers this day.</td></tr>{{/unless}}
  </table>
  {{#if byBatch.length}}<h2>Mail and drop-box batches</h2>
  <table>
    <tr><th>Batch</th><th>Channel</th><th>Status</th><th>Control (count / total)</th><th>Entered (count / total)</th></tr>
    {{#each byBatch}}<tr><td>#{{batchId}}</td><td>{{channel}}</td><td>{{status}}</td><td>{{control}}</td><td>{{entries}}</td></tr>{{/each}}
  </table>{{/if}}
  {{#if lockbox.length}}<h2>Lockbox files</h2>
  <table>
    <tr><th>Import</th><th>File</th><th class="num">Items</th><th class="num">Total</th></tr>
    {{#each lockbox}}<tr><td>#{{importId}}</td><td>{{fileName}}</td><td class="num">{{itemCount}}</td><td class="num">{{total}}</td></tr>{{/each}}
  </table>{{/if}}
  <h2>Voids</h2>
  <table>
    <tr><th>Receipt</th><th class="num">Amount</th><th>Reason</th><th>By</th><th>Approved by</th></tr>
    {{#each voids}}<tr><td>{{receiptNumber}}</td><td class="num">{{amount}}</td><td>{{reason}}</td><td>{{by}}</td><td>{{approvedBy}}</td></tr>{{/each}}
    {{#unless voids.length}}<tr><td colspan="5" class="muted">No voids.</td></tr>{{/unless}}
  </table>
  {{#if returnedChecks.length}}<h2>Returned checks</h2>
  <table>
    <tr><th>Receipt</th><th class="num">Amount</th><th class="num">Fee</th><th>Reason</th></tr>
    {{#each returnedChecks}}<tr><td>{{receiptNumber}}</td><td class="num">{{amount}}</td><td class="num">{{fee}}</td><td>{{reason}}</td></tr>{{/each}}
  </table>{{/if}}
  <h2>Ledger postings by GL account</h2>
  <table>
    <tr><th>GL</th><th>Account</th><th class="num">Debits</th><th class="num">Credits</th><th class="num">Net</th></tr>
    {{#each postings}}<tr><td>{{glCode}}</td><td>{{glName}}</td><td class="num">{{debit}}</td><td class="num">{{credit}}</td><td class="num">{{net}}</td></tr>{{/each}}
  </table>
</div>
</body></html>`;
