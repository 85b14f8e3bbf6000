// Signing in: OpenID Connect authorization code with PKCE (S256) against the configured identity
// provider, the dev sign-in of `veil serve`'s dev mode, or (admin pages) the operators' admin token.
// The token stays in memory; only the PKCE verifier and state wait in sessionStorage for the
// redirect back, and are deleted as soon as the code is exchanged.

import { h, fill, status } from './dom.js';

const PENDING = 'veil.oidc.pending';

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

/** The `sub` of a JWT, for display only (the gateway verifies the token, not the page). */
export function subjectOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part)).sub || '';
  } catch (e) {
    return '';
  }
}

async function startOidc(oidc, redirectUri) {
  const verifier = randomString(48);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(oidc.authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', oidc.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

async function finishOidc(oidc, redirectUri, params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', redirectUri); // the code never stays in the address bar or history
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('The sign-in answer does not match this browser’s request; sign in again.');
  }
  if (params.get('error')) {
    throw new Error('The identity provider refused the sign-in (' + params.get('error') + ').');
  }
  const response = await fetch(oidc.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri,
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok) throw new Error('The identity provider did not issue a token (HTTP ' + response.status + ').');
  const answer = await response.json();
  if (!answer.access_token) throw new Error('The identity provider answered without an access token.');
  return answer.access_token;
}

/**
 * Resolves with {token, subject} once the user is signed in, rendering the sign-in choices into
 * `panel` until then. `area` is 'app' or 'admin'.
 */
export async function signIn(api, panel, area) {
  const config = await api.get('/' + area + '/config.json');
  const redirectUri = location.origin + config.base;
  const params = new URLSearchParams(location.search);
  if (config.oidc && (params.has('code') || params.has('error')) && params.has('state')) {
    try {
      const token = await finishOidc(config.oidc, redirectUri, params);
      return { token, subject: subjectOf(token) };
    } catch (e) {
      status(e.message, 'error');
    }
  }
  return new Promise(resolve => {
    const choices = [];
    if (config.oidc) {
      choices.push(h('button', { type: 'button', class: 'primary', id: 'oidc-sign-in',
        onclick: () => startOidc(config.oidc, redirectUri).catch(e => status(e.message, 'error')) },
      'Sign in with your identity provider'));
    }
    if (config.dev) {
      const input = h('input', { id: 'dev-subject', name: 'subject', autocomplete: 'off', list: 'dev-experts', required: true,
        value: area === 'app' ? (config.devExperts[0] || '') : 'dev-admin', readonly: area === 'admin' });
      choices.push(h('form', { class: 'card', id: 'dev-sign-in', onsubmit: async e => {
        e.preventDefault();
        try {
          const answer = await api.post('/dev/sign-in', area === 'app' ? { expert: input.value.trim() } : {});
          resolve({ token: answer.token, subject: answer.subject });
        } catch (err) {
          status('Dev sign-in failed: ' + err.message, 'error');
        }
      } },
      h('h2', {}, 'Dev sign-in'),
      h('p', { class: 'muted' }, 'Dev mode only: signs in without an identity provider. Never expose a dev-mode gateway.'),
      h('label', { for: 'dev-subject' }, area === 'app' ? 'Expert id' : 'Admin'),
      input,
      h('datalist', { id: 'dev-experts' }, config.devExperts.map(id => h('option', { value: id }))),
      h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
    }
    if (config.adminToken) {
      const input = h('input', { id: 'admin-token', type: 'password', autocomplete: 'off', required: true });
      choices.push(h('form', { class: 'card', id: 'token-sign-in', onsubmit: async e => {
        e.preventDefault();
        api.token = input.value.trim();
        input.value = '';
        try {
          await api.get('/v1/admin/brands');
          resolve({ token: api.token, subject: 'admin token' });
        } catch (err) {
          api.token = null;
          status('That admin token was not accepted (' + err.code + ').', 'error');
        }
      } },
      h('h2', {}, 'Admin token'),
      h('label', { for: 'admin-token' }, 'Token'),
      input,
      h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
    }
    if (choices.length === 0) {
      choices.push(h('p', {}, 'No sign-in is configured for this page (see console.oidc in veil.yaml).'));
    }
    fill(panel, h('h1', {}, 'Sign in'), choices);
    panel.hidden = false;
  });
}
