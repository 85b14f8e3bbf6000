// The security team's and operators' pages: the policy workbench, queues with the last hour and
// experts with their gates, the outbox's dead letters (re-drive) and the audit log.

import { h, fill, status, table, tabs, age } from './dom.js';
import { Api } from './api.js';
import { signIn } from './signin.js';
import { workbench } from './workbench.js';

const api = new Api();
const panels = {
  workbench: document.getElementById('workbench'),
  queues: document.getElementById('queues'),
  outbox: document.getElementById('outbox'),
};
let brands = [];

async function start() {
  const signInPanel = document.getElementById('sign-in');
  api.onSignedOut = () => location.reload();
  const who = await signIn(api, signInPanel, 'admin');
  api.token = who.token;
  signInPanel.hidden = true;
  fill(signInPanel);
  document.getElementById('who').textContent = 'Signed in as ' + who.subject;
  const out = document.getElementById('sign-out');
  out.hidden = false;
  out.onclick = () => {
    api.token = null;
    location.replace(location.pathname);
  };
  brands = (await api.get('/v1/admin/brands')).brands;
  const nav = document.getElementById('tabs');
  nav.hidden = false;
  const show = tabs(nav, id => {
    if (id === 'workbench' && !panels.workbench.hasChildNodes()) workbench(api, panels.workbench, brands);
    if (id === 'queues') renderQueues();
    if (id === 'outbox') renderOutbox();
  });
  show('workbench');
  status('Signed in.', 'ok');
}

// --- queues and experts

function chart(samples) {
  const series = new Map();
  samples.forEach((s, i) => s.queues.filter(q => q.skill === '*').forEach(q => {
    if (!series.has(q.brand)) series.set(q.brand, []);
    series.get(q.brand).push([i, q.depth]);
  }));
  const width = 600;
  const height = 120;
  const max = Math.max(1, ...[...series.values()].flat().map(p => p[1]));
  const x = i => (samples.length < 2 ? width : (i / (samples.length - 1)) * width);
  const y = d => height - 4 - (d / max) * (height - 16);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Queue depth per brand over the last hour; at most ' + max);
  let n = 0;
  for (const [brand, points] of series) {
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points.map(([i, d]) => x(i).toFixed(1) + ',' + y(d).toFixed(1)).join(' '));
    line.setAttribute('class', 'series s' + (n++ % 4));
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = brand;
    line.append(title);
    svg.append(line);
  }
  return h('figure', { class: 'card' }, svg,
    h('figcaption', {}, 'Waiting tickets per brand, a point a minute for the last hour: ',
      [...series.keys()].map((b, i) => h('span', { class: 'key s' + (i % 4) }, b))));
}

async function renderQueues() {
  try {
    const [queues, history, experts] = await Promise.all([
      api.get('/v1/admin/queues'), api.get('/v1/admin/queues/history'), api.get('/v1/admin/experts')]);
    fill(panels.queues,
      h('h1', {}, 'Queues'),
      chart(history.samples),
      table(null, ['Brand', 'Skill', 'Waiting', 'Oldest wait', 'Online', 'Eligible'],
        queues.queues.map(q => [q.brand, q.skill, String(q.depth), q.depth ? q.oldestWaitSeconds + ' s' : '—',
          String(q.expertsOnline), String(q.expertsEligible)])),
      h('h1', {}, 'Experts'),
      table(null, ['Expert', 'Online', 'Holding', 'Rating', 'Gates per brand'],
        experts.experts.map(e => [e.id, e.suspended ? 'suspended' : e.online ? 'online' : 'offline',
          e.slotsInUse + ' / ' + e.capacity, e.rating.count ? e.rating.average + ' (' + e.rating.count + ')' : '—',
          h('ul', { class: 'rules' }, e.gates.map(g => h('li', { class: g.eligible ? 'ok' : 'error' },
            g.brand + ': ' + (g.eligible ? 'eligible' : g.failed.map(f => f.rule.replace(/_/g, ' ') + ' (' + f.detail + ')').join(', ')))))])));
  } catch (e) {
    status('Queues could not be loaded (' + e.code + ').', 'error');
  }
}

// --- outbox and audit

async function redrive(id) {
  try {
    await api.post('/v1/admin/outbox/' + encodeURIComponent(id) + '/redrive');
    status('Re-driven: the reply is queued for delivery again.', 'ok');
  } catch (e) {
    status('Re-drive failed (' + e.code + ').', 'error');
  }
  renderOutbox();
}

let revealsOnly = true;

async function renderOutbox() {
  try {
    const [outbox, audit] = await Promise.all([api.get('/v1/admin/outbox?limit=100'),
      api.get('/v1/admin/audit?limit=100' + (revealsOnly ? '&action=detokenize,reply_reveal,proxy_reveal' : ''))]);
    const toggle = h('input', { type: 'checkbox', id: 'reveals-only', checked: revealsOnly,
      onchange: e => { revealsOnly = e.target.checked; renderOutbox(); } });
    fill(panels.outbox,
      h('div', { class: 'row' }, h('h1', {}, 'Outbox'),
        h('button', { type: 'button', id: 'refresh-outbox', onclick: renderOutbox }, 'Refresh')),
      h('p', { id: 'outbox-counts' }, outbox.pending + ' pending, ' + outbox.dead + ' dead.'),
      outbox.deadLetters.length === 0 ? h('p', { class: 'muted', id: 'no-dead-letters' }, 'No dead letters.')
        : table('Dead letters', ['Message', 'Brand', 'Attempts', 'Last error', 'Created', ''],
          outbox.deadLetters.map(d => [h('code', {}, d.id), d.brand, String(d.attempts), d.lastError || '—', age(d.createdAt) + ' ago',
            h('button', { type: 'button', class: 'redrive', 'data-message': d.id, onclick: () => redrive(d.id) }, 'Re-drive')])),
      h('h1', {}, 'Audit log'),
      h('div', { class: 'row' }, toggle, h('label', { for: 'reveals-only' }, 'Reveals only (detokenize, reply_reveal, proxy_reveal)')),
      audit.entries.length === 0 ? h('p', { class: 'muted' }, 'Nothing audited yet.')
        : table('Newest first', ['When', 'Who', 'Action', 'Brand', 'Tokens', 'Outcome'],
          audit.entries.map(a => [a.ts, a.actor + ':' + a.actor_id, a.action, a.brand || '—',
            a.token_count + (a.token_ids && a.token_ids.length ? ' (' + a.token_ids.slice(0, 3).join(', ') + (a.token_count > 3 ? ', …' : '') + ')' : ''),
            a.outcome])));
  } catch (e) {
    status('The outbox could not be loaded (' + e.code + ').', 'error');
  }
}

start().catch(e => status('The pages could not start: ' + e.message, 'error'));
