// The policy workbench: a brand's live policy or a pasted one, a pasted or uploaded sample ticket,
// the expert view per tier side by side with the rule table, and a diff against the live version
// with newly exposed fields flagged. The gateway does the work (throwaway keys, nothing stored).

import { h, fill, status, table } from './dom.js';

function readFile(input, target) {
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (file) target.value = await file.text();
  });
}

export function workbench(api, panel, brands) {
  const brand = h('select', { id: 'wb-brand' }, brands.map(b => h('option', { value: b.brand },
    b.brand + ' — ' + b.policy.name + ' v' + b.policy.version)));
  const policy = h('textarea', { id: 'wb-policy', rows: 10, spellcheck: 'false',
    placeholder: 'Leave empty to use the live policy, or paste a proposed version (YAML).' });
  const policyFile = h('input', { type: 'file', id: 'wb-policy-file', accept: '.yaml,.yml,text/yaml' });
  const ticket = h('textarea', { id: 'wb-ticket', rows: 10, spellcheck: 'false', placeholder: 'Paste a sample ticket (JSON), as the CRM sends it.' });
  const ticketFile = h('input', { type: 'file', id: 'wb-ticket-file', accept: '.json,application/json' });
  readFile(policyFile, policy);
  readFile(ticketFile, ticket);
  const results = h('div', { id: 'wb-results', 'aria-live': 'polite' });

  function body() {
    let sample;
    try {
      sample = JSON.parse(ticket.value);
    } catch (e) {
      status('The sample ticket is not JSON.', 'error');
      return null;
    }
    const out = { brand: brand.value, ticket: sample };
    if (policy.value.trim()) out.policy = policy.value;
    return out;
  }

  async function preview() {
    const b = body();
    if (!b) return;
    try {
      const answer = await api.post('/v1/admin/policy/preview', b);
      fill(results,
        h('h2', {}, 'Preview: ' + answer.policy.name + ' v' + answer.policy.version),
        h('div', { class: 'views' }, answer.views.map(v => h('section', { class: 'card view', 'data-view': v.view },
          h('h3', {}, 'view ' + v.view),
          h('pre', { class: 'json', tabindex: 0 }, JSON.stringify(v.document, null, 2)),
          table('What each rule did', ['Rule', 'Selector', 'Action', 'Values', 'Detail'],
            v.rules.map(r => [r.rule, r.selector, r.action, String(r.values),
              [...(r.found || []).map(f => f.what + ' ×' + f.count), ...(r.notes || []), ...(r.paths || [])].join('; ')
                || (r.values === 0 ? 'matched nothing' : '')]))))));
      status('Preview ready.', 'ok');
    } catch (e) {
      status('Preview failed (' + e.code + '): ' + e.detail, 'error');
    }
  }

  async function diff() {
    const b = body();
    if (!b) return;
    if (!b.policy) {
      status('Paste the proposed policy to diff it against the live one.', 'error');
      return;
    }
    try {
      const answer = await api.post('/v1/admin/policy/diff', b);
      const exposed = answer.verdict === 'exposure';
      fill(results,
        h('h2', {}, 'Diff: v' + answer.old.version + ' (live) → v' + answer.new.version),
        h('p', { id: 'wb-verdict', class: exposed ? 'verdict error' : 'verdict ok' },
          exposed ? 'Experts would read more under the proposed version.' : 'Same or safer: no expert reads more.'),
        answer.policyChanges.length ? h('ul', { class: 'changes' }, answer.policyChanges.map(c =>
          h('li', { class: c.widens ? 'error' : '' }, (c.widens ? 'WIDENS: ' : '') + c.change))) : null,
        answer.views.map(v => h('section', { class: 'card', 'data-view': v.view },
          h('h3', {}, 'view ' + v.view + (v.comparedWith !== v.view ? ' (compared with ' + v.comparedWith + ')' : '')),
          v.exposures.length === 0 ? h('p', { class: 'ok' }, v.changedValues + ' values changed; none newly exposed.')
            : table('Newly exposed', ['Path', 'Type', 'Source', 'Visible before', 'Visible now'],
              v.exposures.map(x => [h('span', { class: 'flag' }, '!! ' + x.path), x.type, x.source,
                String(x.oldVisibleChars), String(x.newVisibleChars)])))));
      status(exposed ? 'Diff: newly exposed fields flagged.' : 'Diff: same or safer.', exposed ? 'error' : 'ok');
    } catch (e) {
      status('Diff failed (' + e.code + '): ' + e.detail, 'error');
    }
  }

  fill(panel,
    h('h1', {}, 'Policy workbench'),
    h('form', { class: 'card workbench', onsubmit: e => { e.preventDefault(); preview(); } },
      h('label', { for: 'wb-brand' }, 'Brand (live policy)'), brand,
      h('label', { for: 'wb-policy' }, 'Proposed policy (optional)'), policy,
      h('label', { for: 'wb-policy-file' }, 'or upload it'), policyFile,
      h('label', { for: 'wb-ticket' }, 'Sample ticket'), ticket,
      h('label', { for: 'wb-ticket-file' }, 'or upload it'), ticketFile,
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'primary', id: 'wb-preview' }, 'Preview'),
        h('button', { type: 'button', id: 'wb-diff', onclick: diff }, 'Diff against live'))),
    results);
}
