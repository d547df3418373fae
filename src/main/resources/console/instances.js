// Instances: the paged, filtered list (filtered in the database), and the create page.
'use strict';
(function () {
  const h = B.h;
  const state = { page: 0, size: 20, q: '', product: '', status: '', billingMethod: '' };

  B.routes.instances = async function () {
    const catalog = await B.loadCatalog();
    const q = h('input', { id: 'filter-q', type: 'search', value: state.q, placeholder: 'id, class or zone' });
    const product = h('select', { id: 'filter-product' }, h('option', { value: '' }, 'All products'),
      catalog.products.map(p => h('option', { value: p.code, selected: p.code === state.product }, p.name)));
    const method = h('select', { id: 'filter-method' }, h('option', { value: '' }, 'All billing methods'),
      Object.keys(B.METHOD_LABELS).map(m => h('option', { value: m, selected: m === state.billingMethod }, B.methodLabel(m))));
    const status = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'All statuses'),
      Object.keys(B.STATUS_LABELS).map(s => h('option', { value: s, selected: s === state.status }, B.statusLabel(s))));
    const filters = h('form', { class: 'filters', role: 'search', onsubmit: e => {
      e.preventDefault();
      Object.assign(state, { q: q.value.trim(), product: product.value, billingMethod: method.value, status: status.value, page: 0 });
      B.routes.instances();
    } }, h('label', {}, 'Search', q), h('label', {}, 'Product', product), h('label', {}, 'Billing method', method),
      h('label', {}, 'Status', status), h('button', { type: 'submit', id: 'filter-apply' }, 'Apply'));
    const params = new URLSearchParams({ page: state.page, size: state.size });
    for (const k of ['q', 'product', 'status', 'billingMethod']) if (state[k]) params.set(k, state[k]);
    const r = await B.own('GET', '/console/instances?' + params);
    if (r.status !== 200) { B.page('Instances', filters, B.problem(r)); return; }
    const pages = Math.max(1, Math.ceil(r.body.total / state.size));
    const names = Object.fromEntries(catalog.products.map(p => [p.code, p.name]));
    const table = B.table([
      { label: 'Instance ID', value: i => h('a', { href: '#/instance/' + encodeURIComponent(i.instanceId) }, i.instanceId) },
      { label: 'Product', value: i => names[i.product] || i.product },
      { label: 'Edition', value: i => i.edition },
      { label: 'Class', value: i => i.instanceClass },
      { label: 'Billing method', value: i => B.methodLabel(i.billingMethod) },
      { label: 'Status', value: i => B.statusBadge(i.status) },
      { label: 'Region / zone', value: i => i.region + ' / ' + i.zoneId },
      { label: 'Expires', value: i => B.time(i.expiresAt) },
      { label: 'Cost per hour', num: true, value: i => i.lastHourCost === undefined ? '—'
          : h('span', { title: 'the hour from ' + B.time(i.lastHourStart) }, B.money(i.lastHourCost, i.currency)) }
    ], r.body.instances, { id: 'instances', caption: 'Instances' });
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { class: 'secondary', id: 'page-prev', disabled: state.page === 0, onclick: () => { state.page--; B.routes.instances(); } }, 'Previous'),
      h('span', { id: 'page-info' }, 'Page ' + (state.page + 1) + ' of ' + pages + ' · ' + r.body.total + ' instances'),
      h('button', { class: 'secondary', id: 'page-next', disabled: state.page + 1 >= pages, onclick: () => { state.page++; B.routes.instances(); } }, 'Next'));
    B.page('Instances', filters, r.body.instances.length ? table : h('p', { id: 'no-instances' }, 'No instances match.'), pager,
      h('p', { class: 'muted' }, 'Cost per hour: the latest settled hour\'s bill.'));
  };

  /** A new instance: the product's editions, classes, regions and terms come from the catalog. */
  B.routes.create = async function () {
    const catalog = await B.loadCatalog();
    const product = h('select', { id: 'create-product', name: 'product' }, catalog.products.map(p => h('option', { value: p.code }, p.name)));
    const fields = h('div', { class: 'filters' });
    const error = h('div', { id: 'create-error' });
    const form = h('form', { id: 'create', class: 'card', onsubmit: e => submit(e, form, error) },
      h('div', { class: 'filters' }, h('label', {}, 'Product', product)), fields,
      h('p', {}, h('button', { type: 'submit', id: 'create-submit' }, 'Create')), error);
    product.addEventListener('change', () => productFields(catalog.products.find(p => p.code === product.value), fields));
    productFields(catalog.products[0], fields);
    B.page('Create instance', form);
  };

  function productFields(p, fields) {
    const regions = Array.isArray(p.regions) ? p.regions : Object.keys(p.regions || {});
    const edition = h('select', { id: 'create-edition', name: 'edition' }, p.editions.map(e => h('option', { value: e }, e)));
    const cls = h('select', { id: 'create-class', name: 'instanceClass' });
    const fill = () => B.fill(cls, ...p.classes.filter(c => !c.edition || c.edition === edition.value)
      .map(c => h('option', { value: c.code }, c.code + (c.cores ? ' (' + c.cores + ' cores)' : ''))));
    edition.addEventListener('change', fill);
    fill();
    B.fill(fields, 
      h('label', {}, 'Region', h('select', { id: 'create-region', name: 'region' }, regions.map(r => h('option', { value: r }, r)))),
      h('label', {}, 'Zone (optional)', h('input', { id: 'create-zone', name: 'zoneId' })),
      h('label', {}, 'Edition', edition), h('label', {}, 'Class', cls),
      h('label', {}, 'Billing method', h('select', { id: 'create-method', name: 'billingMethod' },
        Object.keys(B.METHOD_LABELS).map(m => h('option', { value: m, selected: m === 'PayAsYouGo' }, B.methodLabel(m))))),
      h('label', {}, 'Storage (GB, optional)', h('input', { id: 'create-storage', name: 'storageGb', type: 'number', min: 1 })),
      h('label', {}, 'Months (subscription)', h('input', { id: 'create-months', name: 'months', type: 'number', min: 1 })));
  }

  async function submit(e, form, error) {
    e.preventDefault();
    const body = {};
    for (const el of form.querySelectorAll('[name]')) {
      if (el.value === '') continue;
      body[el.name] = el.type === 'number' ? Number(el.value) : el.value;
    }
    const r = await B.api('POST', '/instances', body);
    if (r.status !== 201) { B.fill(error, B.problem(r)); return; }
    B.announce('Created ' + r.body.instanceId);
    location.hash = '#/instance/' + encodeURIComponent(r.body.instanceId);
  }
})();
