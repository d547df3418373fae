// Orders and bills: bill lines with their explanations, an hourly cost chart split by billing item, CSV export.
'use strict';
(function () {
  const h = B.h;
  const HOUR = 3600 * 1000;

  B.ordersTable = function (orders) {
    if (!orders.length) return h('p', { class: 'muted' }, 'No orders.');
    return B.table([
      { label: 'Created', value: o => B.time(o.createdAt) }, { label: 'Order', value: o => o.orderId },
      { label: 'Instance', value: o => o.instanceId ? h('a', { href: '#/instance/' + encodeURIComponent(o.instanceId) }, o.instanceId) : '—' },
      { label: 'Type', value: o => o.type }, { label: 'Status', value: o => o.status },
      { label: 'List price', num: true, value: o => B.money(o.listPrice, o.currency) },
      { label: 'Paid', num: true, value: o => B.money(o.cashPaid, o.currency) },
      { label: 'Explanation', value: o => o.explanation }
    ], orders, { id: 'orders', caption: 'Orders' });
  };

  B.routes.orders = async function () {
    const r = await B.api('GET', '/orders?limit=200');
    B.page('Orders', r.status === 200 ? B.ordersTable(r.body.orders.slice().reverse()) : B.problem(r));
  };

  const iso = ms => new Date(ms).toISOString().replace('.000Z', 'Z');
  const query = o => new URLSearchParams(Object.entries(o).filter(([, v]) => v)).toString();

  /** Bills of the window ending at the clock's hour: an instance's or the whole account's. */
  async function bills(filter) {
    const r = await B.api('GET', '/bills?' + query(Object.assign({ limit: 5000 }, filter)));
    return r.status === 200 ? r.body.bills : [];
  }

  function defaultWindow(hours) {
    const end = Math.floor(Date.parse(B.now) / HOUR) * HOUR;
    return { from: iso(end - hours * HOUR), to: iso(end) };
  }

  B.costSection = async function (filter) {
    const w = defaultWindow(48);
    const list = await bills(Object.assign({}, filter, w));
    return h('section', { class: 'card', 'aria-labelledby': 'h-costs' }, h('h2', { id: 'h-costs' }, 'Hourly cost (last 48 hours)'),
      chart(list), csvLink(Object.assign({}, filter, w)), h('h3', {}, 'Latest bill lines'), lines(list.slice(-3).reverse()));
  };

  B.routes.bills = async function () {
    const w = defaultWindow(24);
    const from = h('input', { id: 'bills-from', type: 'datetime-local', value: w.from.slice(0, 16) });
    const to = h('input', { id: 'bills-to', type: 'datetime-local', value: w.to.slice(0, 16) });
    const instance = h('input', { id: 'bills-instance', placeholder: 'all instances' });
    const out = h('div', {});
    const show = async () => {
      const f = { instanceId: instance.value.trim(), from: from.value + ':00Z', to: to.value + ':00Z' };
      const list = await bills(f);
      B.fill(out, chart(list), csvLink(f), h('h2', {}, 'Bills (' + list.length + ')'), lines(list.slice().reverse()));
    };
    B.page('Bills', h('form', { class: 'filters', onsubmit: e => { e.preventDefault(); show(); } },
      h('label', {}, 'From (UTC)', from), h('label', {}, 'To (UTC)', to), h('label', {}, 'Instance', instance),
      h('button', { type: 'submit', id: 'bills-show' }, 'Show')), out);
    await show();
  };

  function csvLink(filter) {
    return h('p', {}, h('a', { id: 'csv-export', href: '/console/bills.csv?' + query(filter), download: 'bills.csv' }, 'Export CSV'));
  }

  function lines(list) {
    const rows = list.flatMap(b => b.lines.map(l => Object.assign({ bill: b }, l)));
    if (!rows.length) return h('p', { class: 'muted', id: 'bill-lines-empty' }, 'No settled bills in this window yet.');
    return B.table([
      { label: 'Hour', value: l => B.time(l.bill.periodStart) }, { label: 'Instance', value: l => l.bill.instanceId },
      { label: 'Item', value: l => l.item }, { label: 'Spec', value: l => l.spec }, { label: 'Billing method', value: l => B.methodLabel(l.billingMethod) },
      { label: 'Quantity', num: true, value: l => l.quantity + ' ' + l.unit },
      { label: 'Amount', num: true, value: l => B.money(l.amount, l.bill.currency) }, { label: 'Explanation', value: l => l.explanation }
    ], rows, { id: 'bill-lines', caption: 'Bill lines' });
  }

  /** Hourly cost split by billing item; the caption states the figures for those who do not see the chart. */
  function chart(list) {
    const hours = [...new Set(list.map(b => Date.parse(b.periodStart) / 1000))].sort((a, b) => a - b);
    const items = [...new Set(list.flatMap(b => b.lines.map(l => l.item)))].sort();
    const at = new Map(hours.map((t, n) => [t, n]));
    const series = items.map(() => hours.map(() => 0));
    let total = 0;
    for (const b of list) for (const l of b.lines) {
      series[items.indexOf(l.item)][at.get(Date.parse(b.periodStart) / 1000)] += Number(l.amount);
      total += Number(l.amount);
    }
    const currency = list.length ? list[0].currency : '';
    const caption = h('figcaption', { id: 'chart-summary', 'data-hours': hours.length, 'data-total': total.toFixed(6), 'data-items': items.join(',') },
      hours.length ? hours.length + ' hours, ' + total.toFixed(6) + ' ' + currency + ' in all, by item: '
        + items.map((it, n) => it + ' ' + series[n].reduce((a, b) => a + b, 0).toFixed(6)).join(', ') : 'No settled hours yet.');
    const box = h('div', { class: 'chart', role: 'img', 'aria-label': 'Hourly cost by billing item' });
    const fig = h('figure', { id: 'cost-chart' }, box, caption);
    if (hours.length && window.uPlot) {
      const colors = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#a16207', '#0e7490', '#be123c', '#4d7c0f'];
      requestAnimationFrame(() => new uPlot({ width: Math.max(280, Math.min(1100, box.clientWidth || 600)), height: 220,
        series: [{}, ...items.map((it, n) => ({ label: it, stroke: colors[n % colors.length], width: 2 }))],
        axes: [{}, { label: currency }] }, [hours, ...series], box));
    }
    return fig;
  }
})();
