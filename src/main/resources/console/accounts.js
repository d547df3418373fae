// The operator's account picker: a search over GET /api/v1/accounts (paged by its next) and a choice
// of the account the console shows. A tenant's session never builds it, and the API refuses tenants anyway.
'use strict';
(function () {
  const h = B.h;
  const PAGE = 20;

  /** @param switched called with the new session once the server has switched it */
  B.accountPicker = function (session, switched) {
    const search = h('input', { id: 'account-search', type: 'search', autocomplete: 'off', placeholder: 'id or name',
      'aria-controls': 'account-picker' });
    const picker = h('select', { id: 'account-picker' });
    const more = h('button', { type: 'button', class: 'secondary', id: 'account-more', hidden: true }, 'More accounts');
    const status = h('span', { id: 'account-status', class: 'visually-hidden', role: 'status' });
    let next = null;
    let asked = 0;

    async function load(append) {
      const ticket = ++asked;
      const q = search.value.trim();
      const r = await B.api('GET', '/accounts?limit=' + PAGE + (q ? '&q=' + encodeURIComponent(q) : '')
        + (append && next ? '&after=' + encodeURIComponent(next) : ''));
      // A slower answer to an older search must not overwrite a newer one.
      if (ticket !== asked) return;
      if (r.status !== 200) { status.textContent = r.body.message || 'accounts could not be listed'; return; }
      if (!append) B.fill(picker, h('option', { value: '' }, 'All accounts'));
      for (const a of r.body.accounts) {
        picker.append(h('option', { value: a.accountId, selected: a.accountId === session.accountId }, a.name + ' · ' + a.accountId));
      }
      if (!append && q && r.body.accounts.length === 1) picker.value = r.body.accounts[0].accountId;
      next = r.body.next;
      more.hidden = !next;
      const shown = picker.options.length - 1;
      status.textContent = shown + (next ? '+' : '') + ' account' + (shown === 1 ? '' : 's') + ' found';
      picker.setAttribute('data-loaded', String(ticket));
    }

    let timer = null;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load(false), 250); });
    more.addEventListener('click', () => load(true));
    const form = h('form', { class: 'inline', id: 'switch-form', role: 'search', 'aria-label': 'Switch account', onsubmit: async e => {
      e.preventDefault();
      clearTimeout(timer);
      const r = await B.own('PUT', '/console/session/account', { accountId: picker.value });
      if (r.status !== 200) { status.textContent = r.body.message || 'not switched'; B.announce(status.textContent); return; }
      switched(r.body);
    } }, h('label', {}, 'Find account', search), h('label', {}, 'Account', picker), more,
      h('button', { type: 'submit', class: 'secondary', id: 'switch-submit' }, 'Switch'), status);
    // The current account stays chosen while the list loads.
    if (session.accountId) picker.append(h('option', { value: session.accountId, selected: true }, session.accountId));
    load(false);
    return form;
  };
})();
