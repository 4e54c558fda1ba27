// account: the header's log in / log out control on every page. Logging in
// (a dialog with e-mail and password) opens a cookie session; the pages
// learn who is logged in from the 'mtaa:session' event and from session().

import { t } from './i18n.js';
import { changePassword, getSession, login, logout } from './api.js';
import { el } from './dom.js';

let current = null;

/** session answers the logged-in account ({name, email, role}) or null. */
export function session() { return current; }

/** ROLES in increasing power; atLeast compares the logged-in role with one of them. */
const ROLES = ['viewer', 'mapper', 'moderator', 'admin'];

/** atLeast is true when someone is logged in with role or a higher one. */
export function atLeast(role) { return !!current && ROLES.indexOf(current.role) >= ROLES.indexOf(role); }

function announce() {
  document.body.dataset.session = current ? current.role : 'anonymous';
  window.dispatchEvent(new CustomEvent('mtaa:session', { detail: current }));
}

/** initAccount asks the server who is logged in and draws the header control; it answers the account or null. */
export async function initAccount() {
  const box = document.getElementById('account');
  try {
    const s = await getSession();
    current = s ? s.user : null;
  } catch {
    current = null; // offline: the page works anonymously; queued reports read the session when they go out
  }
  if (box) draw(box);
  window.addEventListener('mtaa:lang', () => box && draw(box));
  announce();
  return current;
}

function draw(box) {
  if (current) {
    const out = el('button', { type: 'button', id: 'logout' }, t('account.logout'));
    out.addEventListener('click', async () => {
      out.disabled = true;
      try { await logout(); } catch { /* the cookie is cleared or expires anyway */ }
      current = null;
      draw(box);
      announce();
      document.getElementById('login-open')?.focus();
    });
    box.replaceChildren(el('span', { id: 'who', class: 'who' }, t('account.who', { name: current.name || current.email, role: t(`role.${current.role}`) })), out);
  } else {
    const open = el('button', { type: 'button', id: 'login-open', 'aria-haspopup': 'dialog' }, t('account.login'));
    open.addEventListener('click', () => openDialog(box));
    box.replaceChildren(open);
  }
}

// loginMessage words a refused login in the page's language.
function loginMessage(err) {
  if (err instanceof TypeError) return t('account.offline');
  if (err.code === 'password_expired') return t('account.expired');
  if (err.status === 429) return t('account.toomany');
  if (err.status === 401 || err.code === 'bad_credentials' || err.code === 'missing_field') return t('account.wrong');
  return t('account.failed', { why: err.message });
}

function openDialog(box) {
  const email = el('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const error = el('p', { id: 'login-error', class: 'error', role: 'alert' });
  const submit = el('button', { type: 'submit', id: 'login-submit' }, t('account.login'));
  const cancel = el('button', { type: 'button', id: 'login-cancel' }, t('account.cancel'));
  const form = el('form', { id: 'login-form', method: 'dialog' },
    el('h2', { id: 'login-h' }, t('account.title')),
    el('label', { for: 'login-email' }, t('account.email')), email,
    el('label', { for: 'login-password' }, t('account.password')), password,
    error, el('p', { class: 'row' }, submit, cancel));
  const dialog = el('dialog', { id: 'login-dialog', 'aria-labelledby': 'login-h' }, form);
  const close = () => { dialog.close(); dialog.remove(); document.getElementById('login-open')?.focus(); };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  let changing = null; // set once a one-time password opened the session
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      if (changing) {
        await changing();
        return;
      }
      const s = await login(email.value.trim(), password.value);
      if (s.password_change_required) {
        // A one-time password: the owner chooses their own before anything else.
        const next = el('input', { type: 'password', id: 'login-new-password', name: 'new-password', autocomplete: 'new-password', required: true, minlength: 12 });
        form.replaceChildren(el('h2', { id: 'login-h' }, t('account.mustChange')),
          el('label', { for: 'login-new-password' }, t('account.newPassword')), next, error, el('p', { class: 'row' }, submit, cancel));
        const once = password.value;
        changing = async () => {
          await changePassword(once, next.value);
          current = s.user;
          dialog.close();
          dialog.remove();
          draw(box);
          announce();
        };
        next.focus();
        return;
      }
      current = s.user;
      dialog.close();
      dialog.remove();
      draw(box);
      announce();
      document.getElementById('logout')?.focus();
    } catch (err) {
      error.textContent = loginMessage(err);
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  email.focus();
}
