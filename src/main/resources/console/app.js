// Billow console: sign-in, the header (account, clock) and the router of #/ pages.
'use strict';
(function () {
  const h = B.h;

  function signInPage(message) {
    document.getElementById('nav').hidden = true;
    document.getElementById('clock').hidden = true;
    B.fill(document.getElementById('who'));
    const key = h('input', { id: 'signin-key', name: 'accessKey', type: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { id: 'signin-error', class: 'error', role: 'alert' }, message || '');
    const form = h('form', { id: 'signin', class: 'card', onsubmit: async e => {
      e.preventDefault();
      const r = await B.own('POST', '/console/session', { accessKey: key.value });
      if (r.status !== 200) { error.textContent = r.body.message || 'sign-in failed'; return; }
      B.session = r.body;
      await start();
    } },
      h('p', {}, 'Sign in with an account\'s access key (AccessKeyId:AccessKeySecret), or the operator key.'),
      h('label', {}, 'Access key', key), h('p', {}, h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in')), error);
    B.page('Sign in', form);
    key.focus();
  }

  function header() {
    document.getElementById('nav').hidden = false;
    const s = B.session;
    const who = [h('span', { id: 'who-account' }, s.operator ? 'Operator' + (s.accountId ? ' · account ' + s.accountId : ' · all accounts')
      : 'Account ' + s.accountId)];
    if (s.operator) who.push(B.accountPicker(s, session => { B.session = session; header(); route(); }));
    who.push(h('button', { class: 'secondary', id: 'signout', onclick: async () => {
      await B.own('DELETE', '/console/session'); B.session = null; location.hash = '#/instances'; signInPage();
    } }, 'Sign out'));
    B.fill(document.getElementById('who'), ...who);
  }

  /** The clock, and for the operator of a simulated clock the controls that move it (long moves a day at a time, with progress). */
  async function clock() {
    const el = document.getElementById('clock');
    const r = await B.api('GET', '/clock');
    if (r.status !== 200) { el.hidden = true; return; }
    B.now = r.body.now;
    const parts = [h('span', {}, 'Clock: ', h('time', { id: 'clock-now', datetime: r.body.now }, B.time(r.body.now)),
      r.body.simulated ? ' (simulated)' : '')];
    if (r.body.simulated && B.session.operator) {
      const to = h('input', { id: 'clock-to', type: 'datetime-local', step: 1 });
      const bar = h('progress', { id: 'clock-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Clock advance progress' });
      parts.push(h('button', { id: 'clock-hour', class: 'secondary', onclick: () => advance(3600, bar) }, '+1 hour'),
        h('button', { id: 'clock-day', class: 'secondary', onclick: () => advance(86400, bar) }, '+1 day'),
        h('form', { class: 'inline', onsubmit: e => {
          e.preventDefault();
          if (!to.value) return;
          const target = Date.parse(to.value + (to.value.length === 16 ? ':00' : '') + 'Z');
          advance(Math.round((target - Date.parse(B.now)) / 1000), bar);
        } }, h('label', {}, 'Advance to (UTC)', to), h('button', { type: 'submit', class: 'secondary', id: 'clock-go' }, 'Go')), bar);
    }
    B.fill(el, ...parts);
    el.hidden = false;
  }

  async function advance(seconds, bar) {
    if (seconds <= 0) { B.announce('the clock only moves forward'); return; }
    const step = 86400;
    bar.hidden = false; bar.max = seconds; bar.value = 0;
    document.getElementById('clock').setAttribute('aria-busy', 'true');
    for (let done = 0; done < seconds;) {
      const n = Math.min(step, seconds - done);
      const r = await B.api('POST', '/clock', { advanceSeconds: n });
      if (r.status !== 200) { B.announce(r.body.message || 'the clock did not move'); break; }
      done += n; bar.value = done;
    }
    document.getElementById('clock').removeAttribute('aria-busy');
    await clock();
    B.announce('Clock moved to ' + B.time(B.now));
    route();
  }
  B.refreshClock = clock;

  // One page render at a time, in order: a render started before a switch of account or page
  // must not finish after, and overwrite, the one that follows it.
  let rendering = Promise.resolve();
  function route() {
    rendering = rendering.then(render, render);
    return rendering;
  }

  async function render() {
    const hash = location.hash || '#/instances';
    const [, name, arg] = hash.match(/^#\/([a-z]+)\/?(.*)$/) || [null, 'instances', ''];
    const page = B.routes[name] || B.routes.instances;
    // The clock may have moved since the last page (another tab, a script): pages read their window from it.
    await clock();
    try { await page(decodeURIComponent(arg)); } catch (e) { B.page('Something went wrong', h('p', { class: 'error' }, String(e))); }
    const main = document.getElementById('main');
    main.setAttribute('data-ready', hash);
    main.setAttribute('data-render', String(Number(main.getAttribute('data-render') || 0) + 1));
  }
  B.route = route;

  async function start() {
    header();
    await route();
  }

  window.addEventListener('hashchange', () => { if (B.session) route(); });
  (async function () {
    const r = await B.own('GET', '/console/session');
    if (r.status === 200) { B.session = r.body; await start(); } else signInPage();
  })();
})();
