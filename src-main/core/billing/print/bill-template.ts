/**
 * The printed bill (handlebars + CSS, US Letter, one page per bill): the district's letterhead,
 * the customer's mailing block placed for a #10 window envelope, the account and amount due at a
 * glance, meter reads and usage, every charge with the arithmetic behind it, the account summary,
 * messages, and a remittance stub with a scan line. All values arrive formatted (bill-pdf.ts).
 */
const STYLE = `
  @page { size: 8.5in 11in; margin: 0; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #1d2430; }
  .page { position: relative; width: 8.5in; height: 11in; padding: 0.45in 0.55in 0 0.55in; page-break-after: always; overflow: hidden; }
  .main { height: 7.5in; overflow: hidden; }
  .page:last-child { page-break-after: auto; }
  .top { display: flex; justify-content: space-between; align-items: flex-start; }
  .district-name { font-size: 15pt; font-weight: 700; color: #0b4f7c; }
  .district-lines { margin-top: 2pt; color: #4a5565; line-height: 1.35; }
  .at-a-glance { width: 3.1in; border: 1.2pt solid #0b4f7c; border-radius: 5pt; overflow: hidden; }
  .at-a-glance .title { background: #0b4f7c; color: #fff; font-weight: 700; padding: 4pt 8pt; font-size: 10.5pt; }
  .at-a-glance table { width: 100%; border-collapse: collapse; }
  .at-a-glance td { padding: 2.5pt 8pt; }
  .at-a-glance td:last-child { text-align: right; font-weight: 600; }
  .at-a-glance .money td { border-top: 0.8pt solid #c9d3de; }
  .at-a-glance .due td { border-top: 0.8pt solid #c9d3de; font-size: 12.5pt; font-weight: 700; padding-top: 4pt; padding-bottom: 5pt; }
  .mailing { margin-top: 0.3in; margin-left: 0.35in; min-height: 0.9in; max-width: 3.6in; line-height: 1.35; font-size: 10pt; text-transform: uppercase; }
  .banner { border: 1.5pt solid #a8200d; color: #a8200d; font-weight: 700; text-align: center; padding: 4pt; margin-bottom: 6pt; letter-spacing: 0.5pt; }
  .section { margin-top: 9pt; }
  .section h2 { font-size: 10pt; margin: 0 0 3pt 0; padding-bottom: 2pt; border-bottom: 1pt solid #0b4f7c; color: #0b4f7c; text-transform: uppercase; letter-spacing: 0.4pt; }
  .service { display: flex; gap: 0.25in; }
  .service .facts { flex: 1; }
  .facts td { padding: 1.5pt 4pt 1.5pt 0; vertical-align: top; }
  .facts td:first-child { color: #5a6474; width: 1.1in; white-space: nowrap; }
  table.reads { width: 100%; border-collapse: collapse; }
  .keep { white-space: nowrap; }
  table.reads th { white-space: nowrap; text-align: left; font-weight: 600; color: #5a6474; font-size: 8.5pt; border-bottom: 0.6pt solid #c9d3de; padding: 2pt 4pt; }
  table.reads td { padding: 2.5pt 4pt; white-space: nowrap; }
  table.reads .num { text-align: right; font-variant-numeric: tabular-nums; }
  table.reads tr.usage td { font-weight: 700; border-top: 0.6pt solid #c9d3de; }
  .estimated { display: inline-block; font-size: 7.5pt; font-weight: 700; color: #8a5300; border: 0.8pt solid #8a5300; border-radius: 3pt; padding: 0 3pt; margin-left: 4pt; }
  table.charges { width: 100%; border-collapse: collapse; }
  table.charges td { padding: 3pt 0; vertical-align: top; border-bottom: 0.5pt solid #e3e8ee; }
  table.charges td.amount { text-align: right; white-space: nowrap; width: 1.1in; font-variant-numeric: tabular-nums; }
  table.charges .how { color: #5a6474; font-size: 8pt; margin-top: 1pt; }
  table.charges tr.total td { font-weight: 700; border-bottom: none; border-top: 1pt solid #1d2430; }
  .columns { display: flex; gap: 0.3in; }
  .columns > div { flex: 1; }
  table.summary { width: 100%; border-collapse: collapse; }
  table.summary td { padding: 2.5pt 0; }
  table.summary td:last-child { text-align: right; font-variant-numeric: tabular-nums; }
  table.summary tr.due td { font-weight: 700; font-size: 11pt; border-top: 1pt solid #1d2430; padding-top: 4pt; }
  .continued-of { color: #4a5565; padding-top: 4pt; }
  .messages p { margin: 0 0 3pt 0; padding-left: 8pt; border-left: 2.5pt solid #0b4f7c; line-height: 1.3; }
  .stub { position: absolute; left: 0; right: 0; bottom: 0; height: 3.05in; background: #fff; padding: 0.2in 0.55in 0.3in 0.55in; border-top: 1.2pt dashed #5a6474; }
  .stub .cut { position: absolute; top: -7pt; left: 0.55in; background: #fff; padding: 0 6pt; font-size: 7.5pt; color: #5a6474; }
  .stub .row { display: flex; justify-content: space-between; }
  .stub table { border-collapse: collapse; }
  .stub td { padding: 2.5pt 6pt 2.5pt 0; }
  .stub td:first-child { color: #5a6474; }
  .stub .boxed { align-self: flex-start; border: 1.2pt solid #1d2430; padding: 6pt 10pt 8pt 10pt; min-width: 2.9in; line-height: 1.5; }
  .stub .boxed .big { font-size: 13pt; font-weight: 700; }
  .stub .enclosed { margin-top: 6pt; white-space: nowrap; }
  .stub .enclosed span { display: inline-block; width: 1.3in; border-bottom: 1pt solid #1d2430; }
  .stub .remit { margin-top: 0.15in; margin-left: 0.35in; line-height: 1.35; text-transform: uppercase; }
  .stub .autopay { margin-top: 6pt; font-weight: 700; color: #0b4f7c; }
  .scan { position: absolute; bottom: 0.25in; left: 0.55in; right: 0.55in; text-align: right; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 11pt; letter-spacing: 1pt; }
`;

const PAGE = `
<div class="page">
  <div class="main">
  <div class="top">
    <div>
      <div class="district-name">{{@root.district.name}}</div>
      <div class="district-lines">{{#each @root.district.addressLines}}{{this}}<br>{{/each}}{{#if @root.district.phone}}Phone {{@root.district.phone}}{{/if}}</div>
      <div class="mailing">{{#each mailingNameLines}}{{this}}<br>{{/each}}{{#each mailingLines}}{{this}}<br>{{/each}}</div>
    </div>
    <div class="at-a-glance">
      <div class="title">{{kindLabel}}</div>
      <table>
        <tr><td>Account</td><td>{{accountNumber}}</td></tr>
        <tr><td>Bill number</td><td>{{billId}}</td></tr>
        <tr><td>Bill date</td><td>{{billDate}}</td></tr>
        <tr><td>Due date</td><td>{{dueDate}}</td></tr>
        <tr class="money"><td>Previous balance</td><td>{{previousBalance}}</td></tr>
        <tr><td>Current charges</td><td>{{currentCharges}}</td></tr>
        <tr class="due"><td>{{#if isCredit}}Credit balance{{else}}Amount due{{/if}}</td><td>{{amountDue}}</td></tr>
      </table>
    </div>
  </div>
  {{#if banner}}<div class="banner">{{banner}}</div>{{/if}}
  <div class="section">
    <h2>Your service</h2>
    <div class="service">
      <table class="facts">
        <tr><td>Service address</td><td>{{#each serviceAddressParts}}<span class="keep">{{this}}</span> {{/each}}</td></tr>
        <tr><td>Service period</td><td>{{period}} ({{periodDays}} days)</td></tr>
        {{#if hasRead}}<tr><td>Meter</td><td>{{meterSerial}}</td></tr>{{/if}}
      </table>
      {{#if hasRead}}
      <table class="reads" style="width: 3.4in; flex: none">
        <tr><th>Meter read</th><th>Date</th><th class="num">Reading</th></tr>
        <tr><td>Previous</td><td>{{priorReadDate}}</td><td class="num">{{priorReading}}</td></tr>
        <tr><td>Current{{#if estimated}}<span class="estimated">ESTIMATED</span>{{/if}}</td><td>{{readDate}}</td><td class="num">{{reading}}</td></tr>
        <tr class="usage"><td colspan="2">Water used</td><td class="num">{{usageHcf}} HCF ({{usageGallons}} gal)</td></tr>
      </table>
      {{/if}}
    </div>
  </div>
  <div class="section">
    <h2>Current charges</h2>
    <table class="charges">
      {{#each lines}}<tr><td>{{description}}<div class="how">{{sentence}}</div></td><td class="amount">{{amount}}</td></tr>{{/each}}
      {{#if continued}}<tr><td>{{continued.count}} more charges, listed on the next page</td><td class="amount">{{continued.amount}}</td></tr>{{/if}}
      <tr class="total"><td>Total current charges</td><td class="amount">{{currentCharges}}</td></tr>
    </table>
  </div>
  <div class="section messages">
    <h2>Messages</h2>
    {{#if replaces}}<p>{{replaces}}</p>{{/if}}
    {{#each messages}}<p>{{this}}</p>{{/each}}
    <p>1 HCF = 100 cubic feet = 748 gallons. Questions about your bill? Call us{{#if @root.district.phone}} at {{@root.district.phone}}{{/if}}; we can explain every charge.</p>
  </div>
  </div>
  <div class="stub">
    <div class="cut">&#9986; Please detach and return this portion with your payment</div>
    <div class="row">
      <div>
        <table>
          <tr><td>Account</td><td><b>{{accountNumber}}</b></td></tr>
          <tr><td>Name</td><td>{{#each mailingNameLines}}<span class="keep">{{this}}</span> {{/each}}</td></tr>
          <tr><td>Service address</td><td>{{#each serviceAddressParts}}<span class="keep">{{this}}</span> {{/each}}</td></tr>
        </table>
        <div class="remit">{{@root.district.name}}<br>{{#each @root.district.addressLines}}{{this}}<br>{{/each}}</div>
      </div>
      <div class="boxed">
        <div>Due date: <b>{{dueDate}}</b></div>
        <div class="big">{{#if isCredit}}Credit balance{{else}}Amount due{{/if}}: {{amountDue}}</div>
        {{#if autopay}}<div class="autopay">AUTOPAY — please do not pay by mail</div>{{else}}<div class="enclosed">Amount enclosed: $ <span>&nbsp;</span></div>{{/if}}
      </div>
    </div>
    <div class="scan">{{scanLine}}</div>
  </div>
</div>
{{#if continued}}
<div class="page">
  <div class="top">
    <div class="district-name">{{@root.district.name}}</div>
    <div class="continued-of">Account {{accountNumber}} · Bill {{billId}} · page 2</div>
  </div>
  <div class="section">
    <h2>Current charges (continued)</h2>
    <table class="charges">
      {{#each continued.lines}}<tr><td>{{description}}<div class="how">{{sentence}}</div></td><td class="amount">{{amount}}</td></tr>{{/each}}
      <tr class="total"><td>Continued charges</td><td class="amount">{{continued.amount}}</td></tr>
    </table>
  </div>
</div>
{{/if}}`;

export const BILL_TEMPLATE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{title}}</title><style>${STYLE}</style></head>
<body>{{#each bills}}${PAGE}{{/each}}</body></html>`;
