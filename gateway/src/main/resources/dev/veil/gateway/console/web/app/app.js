// The expert console: offers (polled with ETags), claim, the claimed ticket's masked view with token
// chips, the reply box with the gateway's live scan, release, and the expert's own standing.

import { h, fill, status, money, age, table, tabs } from './dom.js';
import { Api } from './api.js';
import { signIn } from './signin.js';
import { matchers, withChips } from './chips.js';
import { replyBox } from './reply.js';

const POLL_MS = 5000;
const BODY_KEYS = ['body', 'body_text', 'CommentBody', 'text', 'message'];
const api = new Api();
const panels = {
  offers: document.getElementById('offers'),
  ticket: document.getElementById('ticket'),
  me: document.getElementById('me'),
};
let current = 'offers';
let held = null; // the ticket id the expert works on
let offersTag = null;
let pollTimer = null;
let clockTimer = null;

async function start() {
  const signInPanel = document.getElementById('sign-in');
  api.onSignedOut = () => signOut('Your session ended; sign in again.');
  const who = await signIn(api, signInPanel, 'app');
  api.token = who.token;
  signInPanel.hidden = true;
  fill(signInPanel);
  document.getElementById('who').textContent = who.subject ? 'Signed in as ' + who.subject : '';
  const out = document.getElementById('sign-out');
  out.hidden = false;
  out.onclick = () => signOut('Signed out.');
  const nav = document.getElementById('tabs');
  nav.hidden = false;
  const show = tabs(nav, id => {
    current = id;
    if (id === 'offers') refreshOffers();
    if (id === 'ticket') renderTicket();
    if (id === 'me') renderMe();
  });
  window.veilShow = show;
  show('offers');
  pollTimer = setInterval(() => {
    if (current === 'offers' && !document.hidden) refreshOffers();
  }, POLL_MS);
  status('Signed in.', 'ok');
}

function signOut(message) {
  api.token = null;
  clearInterval(pollTimer);
  clearInterval(clockTimer);
  for (const p of Object.values(panels)) fill(p);
  document.body.replaceChildren(h('main', { class: 'panel' }, h('h1', {}, message),
    h('p', {}, h('a', { href: location.pathname }, 'Sign in'))));
}

// --- offers

async function refreshOffers(force = false) {
  let answer;
  try {
    answer = await api.get('/v1/offers?limit=50', offersTag);
  } catch (e) {
    status('Offers could not be loaded (' + e.code + ').', 'error');
    return;
  }
  if (answer.notModified) return;
  offersTag = answer.etag || null;
  if (!force && panels.offers.contains(document.activeElement) && document.activeElement.classList.contains('claim')) {
    // never pull a button away from under the keyboard: the list changes when focus leaves it
    panels.offers.addEventListener('focusout', () => { offersTag = null; refreshOffers(); }, { once: true });
    return;
  }
  renderOffers(answer.offers);
}

function renderOffers(offers) {
  const now = Date.now();
  const items = offers.map(o => h('li', { class: 'card offer', 'data-ticket': o.ticketId },
    h('div', { class: 'offer-head' },
      h('strong', {}, o.brand),
      h('span', { class: 'pill' }, o.language || '—'),
      o.channel ? h('span', { class: 'pill' }, o.channel) : null,
      h('span', { class: 'pill prio-' + o.priority }, 'priority ' + o.priority)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Waiting'), h('dd', {}, age(o.waitingSince, now)),
      h('dt', {}, 'Pay'), h('dd', { class: 'pay' }, money(o.quotedPayMinor, o.currency)),
      h('dt', {}, 'Surge'), h('dd', {}, o.surgeBps > 10000 ? '× ' + (o.surgeBps / 10000).toFixed(2) : 'none'),
      o.respondBy ? [h('dt', {}, 'Respond by'), h('dd', {}, new Date(o.respondBy).toLocaleTimeString())] : null),
    h('button', { type: 'button', class: 'primary claim', 'data-ticket': o.ticketId,
      'aria-label': 'Claim the ' + o.brand + ' ticket waiting ' + age(o.waitingSince, now), onclick: () => claim(o.ticketId) }, 'Claim')));
  fill(panels.offers,
    h('div', { class: 'row' }, h('h1', {}, 'Offers'),
      h('button', { type: 'button', id: 'refresh-offers', onclick: () => { offersTag = null; refreshOffers(); } }, 'Refresh')),
    items.length ? h('ul', { class: 'offers' }, items)
      : h('p', { class: 'muted', id: 'no-offers' }, 'No tickets for you right now. This list refreshes by itself.'));
}

async function claim(ticketId) {
  try {
    await api.post('/v1/tickets/' + encodeURIComponent(ticketId) + '/claim');
    held = ticketId;
    status('Claimed. The ticket is yours.', 'ok');
    window.veilShow('ticket');
  } catch (e) {
    offersTag = null;
    if (e.code === 'claim_conflict') {
      status('Another expert claimed that ticket first. It has been taken off your list.', 'error');
    } else if (e.code === 'not_eligible') {
      status('You may not take that ticket: ' + e.detail, 'error');
    } else {
      status('The claim failed (' + e.code + ').', 'error');
    }
    await refreshOffers(true);
    document.getElementById('refresh-offers')?.focus(); // the claimed-away button is gone: keep keyboard users in the list
  }
}

// --- the claimed ticket

function conversation(node) {
  if (Array.isArray(node)) {
    if (node.length && node.every(c => c && typeof c === 'object' && BODY_KEYS.some(k => typeof c[k] === 'string'))) return node;
    for (const child of node) {
      const found = conversation(child);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    for (const child of Object.values(node)) {
      const found = conversation(child);
      if (found) return found;
    }
  }
  return null;
}

function value(v, found, use) {
  if (v === null) return h('span', { class: 'muted' }, '—');
  if (typeof v !== 'object') return h('span', {}, withChips(String(v), found, use));
  if (Array.isArray(v)) return h('ol', { class: 'tree' }, v.map(x => h('li', {}, value(x, found, use))));
  return h('dl', { class: 'tree' }, Object.entries(v).map(([k, x]) => [h('dt', {}, k), h('dd', {}, value(x, found, use))]));
}

async function renderTicket() {
  clearInterval(clockTimer);
  let mine = [];
  try {
    mine = (await api.get('/v1/me/claims')).claims; // what this expert holds, also after a reload
  } catch (e) {
    status('Your tickets could not be listed (' + e.code + ').', 'error');
  }
  if (!held || !mine.some(c => c.ticket === held)) held = mine.length ? mine[0].ticket : null;
  if (!held) {
    fill(panels.ticket, h('h1', {}, 'Ticket'), h('p', { class: 'muted' }, 'Claim an offer to work on it here.'));
    return;
  }
  const switcher = mine.length < 2 ? null : h('nav', { class: 'row', 'aria-label': 'Your tickets' }, mine.map(c =>
    h('button', { type: 'button', class: 'held', 'aria-current': c.ticket === held ? 'true' : null,
      onclick: () => { held = c.ticket; renderTicket(); } }, c.brand + ' · …' + c.ticket.slice(-6))));
  let t;
  try {
    t = await api.get('/v1/tickets/' + encodeURIComponent(held));
  } catch (e) {
    held = null;
    fill(panels.ticket, h('h1', {}, 'Ticket'), h('p', { class: 'error' },
      e.code === 'not_claimant' ? 'You no longer hold this ticket (the claim lapsed or was released).' : 'The ticket could not be loaded (' + e.code + ').'));
    return;
  }
  const found = matchers(t.tokens || []);
  const reply = replyBox(api, t.ticket, () => renderTicket());
  const use = token => reply.insert(token);
  const thread = conversation(t.document);
  const clock = h('span', { id: 'claim-clock' });
  const tick = () => {
    if (t.claim.replied) {
      clock.textContent = 'Replied: the claim no longer lapses.';
      return;
    }
    const left = Math.max(0, Math.round((Date.parse(t.claim.deadline) - Date.now()) / 1000));
    clock.textContent = 'Claim lapses in ' + Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0') + ' unless you reply.';
  };
  tick();
  clockTimer = setInterval(tick, 1000);
  fill(panels.ticket,
    switcher,
    h('div', { class: 'row' },
      h('h1', {}, t.brand + ' ticket'),
      h('span', { class: 'pill' }, 'view ' + t.view),
      h('span', { class: 'pill' }, 'version ' + t.version)),
    h('p', { class: 'muted' }, clock),
    thread ? h('section', { 'aria-labelledby': 'thread-title' },
      h('h2', { id: 'thread-title' }, 'Conversation'),
      h('ol', { class: 'thread', id: 'thread' }, thread.map(c => h('li', { class: 'card comment' },
        h('div', { class: 'muted' }, [c.created_at || c.CreatedDate || '', c.public === false || c.private === true ? ' · internal' : '']),
        h('p', {}, withChips(String(BODY_KEYS.map(k => c[k]).find(x => typeof x === 'string')), found, use)))))) : null,
    h('details', { id: 'ticket-fields' }, h('summary', {}, 'All fields, as the policy shows them'), value(t.document, found, use)),
    reply.element,
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'release', onclick: release }, 'Release ticket')));
}

async function release() {
  try {
    await api.post('/v1/tickets/' + encodeURIComponent(held) + '/release');
    held = null;
    status('Released: the ticket is back in the pool.', 'ok');
    window.veilShow('offers');
  } catch (e) {
    status('Release failed (' + e.code + ').', 'error');
  }
}

// --- me

function score(s) {
  return s.count === 0 ? 'no scores yet' : (s.sum / s.count).toFixed(1) + ' (' + s.count + ')';
}

async function renderMe() {
  try {
    const [me, gates, earnings] = await Promise.all([api.get('/v1/me'), api.get('/v1/me/gates'), api.get('/v1/me/earnings')]);
    fill(panels.me,
      h('h1', {}, 'Me'),
      h('dl', { class: 'facts', id: 'me-facts' },
        h('dt', {}, 'Rating'), h('dd', {}, score(me.rating)),
        h('dt', {}, 'Quality'), h('dd', {}, score(me.quality)),
        h('dt', {}, 'Holding'), h('dd', {}, me.holding + ' of ' + me.capacity),
        h('dt', {}, 'Claims'), h('dd', {}, String(me.counters.claims)),
        h('dt', {}, 'Resolved'), h('dd', {}, String(me.counters.resolutions))),
      h('h2', {}, 'Why I do or do not get offers'),
      gates.brands.length === 0 ? h('p', { class: 'muted' }, 'You hold no brand certification yet.') : null,
      gates.brands.map(b => h('section', { class: 'card gate', 'data-brand': b.brand },
        h('h3', {}, b.brand + ': ', h('span', { class: b.eligible ? 'ok' : 'error' }, b.eligible ? 'you get its offers' : 'you get no offers')),
        h('ul', { class: 'rules' }, b.rules.map(r => h('li', { class: r.passed ? 'ok' : 'error' },
          (r.passed ? '✓ ' : '✗ ') + r.rule.replace(/_/g, ' ') + ' — ' + r.detail))))),
      h('h2', {}, 'Earnings'),
      earnings.weeks.length === 0 ? h('p', { class: 'muted' }, 'Nothing earned yet.')
        : table('Per brand and week (UTC)', ['Week', 'Brand', 'Tickets', 'Amount'],
          earnings.weeks.map(w => [w.week, w.brand, String(w.tickets), money(w.amountMinor, w.currency)])));
  } catch (e) {
    fill(panels.me, h('h1', {}, 'Me'), h('p', { class: 'error' }, 'Your standing could not be loaded (' + e.code + ').'));
  }
}

start().catch(e => status('The console could not start: ' + e.message, 'error'));
