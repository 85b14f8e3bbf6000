// Shows tokens in a masked ticket as readable chips ("card •••• 4242", "contact ctc_…"). A chip
// only describes a token; the console has no way to reveal one. A reversible token with a prefix
// can be quoted in the reply, where the gateway reveals it for the brand's CRM as the policy allows.

import { h } from './dom.js';

/** Matchers for a policy's token profiles (from the ticket view's `tokens`). */
export function matchers(profiles) {
  const out = [];
  for (const p of profiles) {
    if (p.prefix) {
      const prefix = p.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out.push({ profile: p, re: prefix + '[0-9A-Za-z]{8,64}' });
    } else if (p.kind === 'fpe-card') {
      out.push({ profile: p, re: '(?<![0-9])[0-9](?:[ -]?[0-9]){11,18}(?![0-9])' });
    }
  }
  out.push({ profile: { profile: 'masked', kind: 'mask', reversible: false }, re: '•(?:[•\\s().-]*•)*[0-9A-Za-z]{0,4}' });
  return out;
}

function label(profile, text) {
  if (profile.kind === 'fpe-card') return profile.profile + ' •••• ' + text.replace(/[^0-9]/g, '').slice(-4);
  if (profile.kind === 'mask') return text;
  return profile.profile + ' ' + (profile.prefix || '') + '…';
}

/** Text with every token in it turned into a chip; `onUse(token)` puts a reversible token into the reply. */
export function withChips(text, found, onUse) {
  if (found.length === 0) return [text];
  const re = new RegExp(found.map(m => '(' + m.re + ')').join('|'), 'g');
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(re)) {
    const i = match.slice(1).findIndex(g => g !== undefined);
    const m = found[i];
    if (match.index > at) parts.push(text.slice(at, match.index));
    const token = match[0];
    const chip = h('span', { class: 'chip chip-' + m.profile.kind, title: 'A ' + m.profile.profile + ' token: it cannot be revealed here' },
      h('span', { class: 'chip-label' }, label(m.profile, token)));
    if (m.profile.reversible && m.profile.prefix && onUse) { // the reply reveals prefixed tokens for the CRM
      chip.append(h('button', { type: 'button', class: 'chip-use', 'aria-label': 'Quote this ' + m.profile.profile + ' in the reply',
        onclick: () => onUse(token) }, '+ quote'));
    }
    parts.push(chip);
    at = match.index + token.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
