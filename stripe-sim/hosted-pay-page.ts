import { satangToBahtString } from './emv-qr';
import type { PaymentIntent } from './stripe-objects';

/**
 * The pages behind the QR in URL mode (like Stripe's test-mode QR, which opens a page to
 * authorize or fail the test payment) and behind hosted_instructions_url.
 * Self-contained: inline CSS/JS, no external assets, Thai + English, phone-sized.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function formatBaht(satang: number): string {
  const [baht, satangPart] = satangToBahtString(satang).split('.');
  return `฿${baht.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${satangPart}`;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai",sans-serif;background:#f3f5f9;color:#1b2430}
main{max-width:420px;margin:0 auto;padding:20px}
.card{background:#fff;border-radius:16px;padding:20px;box-shadow:0 2px 10px rgba(0,0,0,.08)}
.badge{display:inline-block;background:#ffe8a3;color:#5c4500;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600}
h1{font-size:20px;margin:12px 0 4px}.muted{color:#5b6472;font-size:14px}
.amount{font-size:36px;font-weight:700;margin:12px 0}
button{display:block;width:100%;min-height:52px;margin:10px 0 0;border:0;border-radius:12px;font-size:17px;font-weight:600;cursor:pointer}
button:disabled{opacity:.45;cursor:default}
.ok{background:#1a7f37;color:#fff}.fail{background:#c62828;color:#fff}.expire{background:#e0e4ea;color:#1b2430}
#result{margin-top:16px;padding:12px;border-radius:10px;display:none;font-weight:600}
#result.show{display:block}#result.good{background:#dcf5e3;color:#0f5223}#result.bad{background:#fde2e2;color:#7a1414}
img{display:block;width:100%;max-width:320px;margin:12px auto;image-rendering:pixelated}
ol{padding-left:20px;line-height:1.6}`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

const STATUS_TEXT: Record<string, string> = {
  requires_action: 'รอการชำระเงิน · Waiting for payment',
  succeeded: 'ชำระเงินแล้ว · Paid',
  canceled: 'ยกเลิกแล้ว · Canceled',
  requires_payment_method: 'การชำระเงินไม่สำเร็จ · Payment not completed',
  requires_confirmation: 'ยังไม่ยืนยัน · Not confirmed',
};

/** The test-payment page: Authorize / Fail / Expire, POSTing to the /_sim controls. */
export function renderPayPage(intent: PaymentIntent): string {
  const open = intent.status === 'requires_action';
  const id = escapeHtml(intent.id);
  const body = `<div class="card">
<span class="badge">ทดสอบ · TEST MODE (stripe-sim)</span>
<h1>จ่ายด้วยพร้อมเพย์ · Pay with PromptPay</h1>
<div class="muted">${intent.description ? escapeHtml(intent.description) : id}</div>
<div class="amount">${escapeHtml(formatBaht(intent.amount))}</div>
<div class="muted" id="status">${escapeHtml(STATUS_TEXT[intent.status] ?? intent.status)}</div>
<p class="muted">นี่คือหน้าทดสอบ ไม่มีการโอนเงินจริง · This is a test page; no real money moves.</p>
<button class="ok" data-action="succeed" ${open ? '' : 'disabled'}>อนุมัติการชำระเงิน · Authorize test payment</button>
<button class="fail" data-action="fail" ${open ? '' : 'disabled'}>ปฏิเสธการชำระเงิน · Fail test payment</button>
<button class="expire" data-action="expire" ${open ? '' : 'disabled'}>ให้ QR หมดอายุ · Let the QR expire</button>
<div id="result" role="status" aria-live="polite"></div>
</div>`;
  const script = `
const id = ${JSON.stringify(intent.id).replace(/</g, '\\u003c')};
const messages = {
  succeed: ['ชำระเงินสำเร็จ · Payment authorized', 'good'],
  fail: ['การชำระเงินถูกปฏิเสธ · Payment failed', 'bad'],
  expire: ['QR หมดอายุแล้ว · QR code expired', 'bad'],
};
const result = document.getElementById('result');
for (const button of document.querySelectorAll('button[data-action]')) {
  button.addEventListener('click', async () => {
    const action = button.dataset.action;
    for (const b of document.querySelectorAll('button')) b.disabled = true;
    try {
      const res = await fetch('/_sim/payment_intents/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
      const json = await res.json();
      if (res.ok) { result.textContent = messages[action][0]; result.className = 'show ' + messages[action][1]; }
      else { result.textContent = 'ทำรายการไม่ได้ · ' + (json.error ? json.error.message : res.status); result.className = 'show bad'; }
    } catch (e) {
      result.textContent = 'เชื่อมต่อไม่ได้ · Could not reach the simulator'; result.className = 'show bad';
    }
  });
}`;
  return page(`PromptPay ${formatBaht(intent.amount)} · stripe-sim`, body, script);
}

/** hosted_instructions_url: the QR image plus how to pay, in both languages. */
export function renderInstructionsPage(intent: PaymentIntent): string {
  const id = encodeURIComponent(intent.id);
  const body = `<div class="card">
<span class="badge">ทดสอบ · TEST MODE (stripe-sim)</span>
<h1>สแกนเพื่อจ่ายด้วยพร้อมเพย์ · Scan to pay with PromptPay</h1>
<div class="amount">${escapeHtml(formatBaht(intent.amount))}</div>
<img src="/_sim/qr/${id}.svg" alt="PromptPay QR">
<ol>
<li>เปิดแอปธนาคารแล้วเลือกสแกน QR · Open your banking app and choose Scan QR.</li>
<li>สแกนรหัสนี้และตรวจสอบยอดเงิน · Scan this code and check the amount.</li>
<li>ยืนยันการชำระเงิน · Confirm the payment.</li>
</ol>
<p class="muted">${escapeHtml(STATUS_TEXT[intent.status] ?? intent.status)} · <a href="/_sim/pay/${id}">หน้าทดสอบ · test page</a></p>
</div>`;
  return page(`PromptPay instructions · stripe-sim`, body);
}

export function renderNotFoundPage(id: string): string {
  return page('stripe-sim', `<div class="card"><h1>ไม่พบรายการ · Payment not found</h1><p class="muted">${escapeHtml(id)}</p></div>`);
}
