// Billow console core: DOM building without innerHTML, calls to the same-origin API door, labels.
'use strict';
const B = window.Billow = { session: null, routes: {}, catalog: null, openapi: null };

/** h('tag', {attr: value, onclick: fn}, ...children): text children are always text, never markup. */
B.h = function (tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
};

/** Replaces an element's children, leaving out absent ones (replaceChildren would print "null"). */
B.fill = function (el, ...children) {
  el.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return el;
};

B.announce = function (text) { document.getElementById('announce').textContent = text; };

/** A call of the native API through the console's door; answers {status, body}. */
B.api = async function (method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') headers['X-Billow-CSRF'] = B.session ? B.session.csrf : '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch('/console/api/v1' + path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => ({})) };
};

/** A call of the console's own routes (session, list pages). */
B.own = async function (method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') headers['X-Billow-CSRF'] = B.session ? B.session.csrf : '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => ({})) };
};

/** The console's names of API statuses, as the cloud consoles show them. */
B.STATUS_LABELS = {
  Running: 'Running', Creating: 'Creating', DBInstanceClassChanging: 'Upgrading/Downgrading', Upgrading: 'Upgrading',
  Scaling: 'Changing configuration', Pausing: 'Pausing', Paused: 'Paused', Starting: 'Starting', Locked: 'Expired (locked)',
  Released: 'Released', Deleting: 'Releasing', Stopped: 'Stopped', Overdue: 'Overdue'
};
B.statusLabel = s => B.STATUS_LABELS[s] || s;
/** Statuses an operation passes through: the console keeps watching until the instance leaves them. */
B.busy = s => s === 'DBInstanceClassChanging' || (/ing$/.test(s) && s !== 'Running');
B.statusBadge = function (s) {
  return B.h('span', { class: 'status ' + (B.busy(s) ? 'busy' : s === 'Running' ? 'ok' : ''), 'data-status': s }, B.statusLabel(s));
};

B.METHOD_LABELS = { PayAsYouGo: 'Pay-as-you-go', Subscription: 'Subscription', Serverless: 'Serverless' };
B.methodLabel = m => B.METHOD_LABELS[m] || m;
B.time = t => t ? t.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—';
B.money = (amount, currency) => amount === undefined || amount === null ? '—' : amount + (currency ? ' ' + currency : '');

B.problem = function (r) {
  const b = r.body || {};
  return B.h('p', { class: 'error', role: 'alert' }, (b.code ? b.code + ': ' : '') + (b.message || ('request failed (' + r.status + ')')));
};

B.table = function (columns, rows, opts) {
  const head = B.h('tr', {}, columns.map(c => B.h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)));
  const body = rows.map(row => B.h('tr', {}, columns.map(c =>
    B.h('td', { class: c.num ? 'num' : null, 'data-label': c.label }, c.value(row)))));
  return B.h('div', { class: 'table-wrap' }, B.h('table', { class: 'responsive', id: opts && opts.id },
    opts && opts.caption ? B.h('caption', { class: 'visually-hidden' }, opts.caption) : null,
    B.h('thead', {}, head), B.h('tbody', {}, body)));
};

B.facts = function (pairs) {
  return B.h('dl', { class: 'facts' }, pairs.filter(p => p).flatMap(([k, v]) => [B.h('dt', {}, k), B.h('dd', {}, v === null || v === undefined ? '—' : v)]));
};

B.page = function (title, ...content) {
  const main = document.getElementById('main');
  B.fill(main, B.h('h1', {}, title), ...content);
  document.title = title + ' · Billow console';
  return main;
};

B.loadCatalog = async function () {
  if (!B.catalog) B.catalog = (await B.api('GET', '/catalog')).body;
  return B.catalog;
};
B.product = async code => (await B.loadCatalog()).products.find(p => p.code === code);
B.loadOpenApi = async function () {
  if (!B.openapi) B.openapi = await (await fetch('/api/v1/openapi.json')).json();
  return B.openapi;
};
