// The reply box: as the expert types, the gateway's own reply scan runs on the draft (an endpoint,
// not a copy of the detectors) and the places it finds are highlighted before anything is sent.

import { h, fill, status } from './dom.js';

const NAMES = {
  CARD_NUMBER: 'card number', EMAIL: 'email address', PHONE: 'phone number', IBAN: 'IBAN', US_SSN: 'SSN',
  ES_DNI: 'DNI', ES_NIE: 'NIE', DATE_OF_BIRTH: 'date of birth', ADDRESS: 'address', IP_ADDRESS: 'IP address', PERSON: 'name',
};

export function replyBox(api, ticketId, onSent) {
  const text = h('textarea', { id: 'reply-text', rows: 6, maxlength: 32768, 'aria-describedby': 'reply-findings',
    placeholder: 'Write to the customer. Personal data you type is replaced or refused, as the brand’s policy says.' });
  const marked = h('div', { id: 'reply-marked', class: 'marked', 'aria-hidden': 'true' });
  const findings = h('div', { id: 'reply-findings', class: 'findings', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary', id: 'reply-send' }, 'Send reply');
  let timer = null;
  let seq = 0;

  async function scan() {
    const draft = text.value;
    const mine = ++seq;
    if (draft.trim() === '') {
      fill(marked);
      fill(findings);
      return;
    }
    try {
      const answer = await api.post('/v1/tickets/' + encodeURIComponent(ticketId) + '/reply/scan', { text: draft });
      if (mine !== seq) return; // a newer draft is being checked
      show(draft, answer);
    } catch (e) {
      fill(findings, h('p', { class: 'error' }, 'The draft could not be checked (' + e.code + ').'));
    }
  }

  function show(draft, answer) {
    const parts = [];
    let at = 0;
    for (const f of answer.findings) {
      parts.push(draft.slice(at, f.start));
      parts.push(h('mark', { class: answer.replies === 'refuse' ? 'pii block' : 'pii', 'data-type': f.type }, draft.slice(f.start, f.end)));
      at = f.end;
    }
    parts.push(draft.slice(at));
    fill(marked, parts);
    if (answer.findings.length === 0) {
      fill(findings, h('p', { class: 'ok' }, 'No personal data found in the draft.'));
      send.disabled = false;
      return;
    }
    const counts = {};
    for (const f of answer.findings) counts[f.type] = (counts[f.type] || 0) + 1;
    const list = Object.entries(counts).map(([type, n]) => (n > 1 ? n + ' × ' : '') + (NAMES[type] || type));
    const what = answer.replies === 'refuse'
      ? 'blocks sending: this brand refuses replies with personal data. Remove it to send.'
      : 'will be replaced with a token before the reply leaves Veil.';
    fill(findings, h('p', { class: answer.replies === 'refuse' ? 'error' : 'warn', id: 'reply-verdict' },
      'Found ' + list.join(', ') + ' — ' + what));
    send.disabled = !answer.sendable;
  }

  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(scan, 250);
  });

  const form = h('form', { class: 'reply', id: 'reply-form', onsubmit: async e => {
    e.preventDefault();
    if (text.value.trim() === '') return;
    send.disabled = true;
    try {
      const receipt = await api.post('/v1/tickets/' + encodeURIComponent(ticketId) + '/reply', { text: text.value });
      text.value = '';
      fill(marked);
      fill(findings);
      const replaced = Object.entries(receipt.replaced).map(([t, n]) => n + ' × ' + (NAMES[t] || t));
      status('Reply sent' + (replaced.length ? '; replaced ' + replaced.join(', ') : '') + '.', 'ok');
      onSent(receipt);
    } catch (err) {
      status(err.code === 'reply_contains_pii' ? 'Not sent: the brand refuses replies with personal data; remove it first.'
        : 'Not sent (' + err.code + ').', 'error');
    } finally {
      send.disabled = false;
    }
  } },
  h('label', { for: 'reply-text' }, 'Reply'), text, marked, findings, h('div', { class: 'row' }, send));

  return {
    element: form,
    /** Puts a token at the caret, as the expert would type it. */
    insert(token) {
      const at = text.selectionStart ?? text.value.length;
      text.value = text.value.slice(0, at) + token + text.value.slice(text.selectionEnd ?? at);
      text.focus();
      text.dispatchEvent(new Event('input'));
    },
  };
}
