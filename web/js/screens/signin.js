// Sign in and registration (local accounts) and the Discord link.

import { h } from '../ui/dom.js';
import { reason_text } from '../lib/reasons.js';

export function mount(root, ctx) {
  const error = h('div', { class: 'alert alert-danger d-none', role: 'alert', dataset: { testid: 'signin-error' } });
  const username = h('input', { class: 'form-control', id: 'username', name: 'username', autocomplete: 'username', required: true, minlength: '3', maxlength: '32' });
  const password = h('input', { class: 'form-control', id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, minlength: '8' });

  const show_error = (err) => {
    error.textContent = reason_text(err?.code);
    error.classList.remove('d-none');
  };

  async function submit(register) {
    error.classList.add('d-none');
    try {
      if (register) await ctx.api.register(username.value.trim(), password.value);
      await ctx.api.login(username.value.trim(), password.value);
      location.hash = '#/market';
    } catch (err) {
      show_error(err);
    }
  }

  const form = h('form', { class: 'vstack gap-3', dataset: { testid: 'signin-form' }, onsubmit: (e) => { e.preventDefault(); submit(false); } },
    h('h1', { class: 'h4' }, 'Sign in'),
    error,
    h('div', {}, h('label', { class: 'form-label', for: 'username' }, 'Username'), username),
    h('div', {}, h('label', { class: 'form-label', for: 'password' }, 'Password'), password),
    h('div', { class: 'd-flex gap-2 flex-wrap' },
      h('button', { class: 'btn btn-primary', type: 'submit', dataset: { testid: 'signin-submit' } }, 'Sign in'),
      h('button', { class: 'btn btn-outline-primary', type: 'button', dataset: { testid: 'register-submit' },
        onclick: () => (form.reportValidity() ? submit(true) : null) }, 'Create account')),
    h('hr'),
    h('a', { class: 'btn btn-discord', href: '/api/v1/auth/discord/login', style: { background: '#5865F2', color: '#fff' },
      dataset: { testid: 'discord-login' } }, 'Sign in with Discord'),
    h('p', { class: 'small text-body-secondary mb-0' }, 'No account needed to watch: ',
      h('a', { href: '#/market' }, 'continue as a viewer'), '.'));
  root.append(h('div', { class: 'row justify-content-center' }, h('div', { class: 'col-12 col-sm-8 col-md-5 col-lg-4 panel' }, form)));
  username.focus();
}
