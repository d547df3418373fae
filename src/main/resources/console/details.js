// Instance details: basic information, configuration, billing, endpoints, resources, the change flows, costs and the timeline.
'use strict';
(function () {
  const h = B.h;

  B.routes.instance = async function (id) {
    const r = await B.api('GET', '/instances/' + encodeURIComponent(id));
    if (r.status !== 200) { B.page('Instance ' + id, B.problem(r)); return; }
    const i = r.body;
    const product = await B.product(i.product);
    const [actions, endpoints, topics, groups, timeline, orders] = await Promise.all([
      B.own('GET', '/console/instances/' + encodeURIComponent(id) + '/actions'),
      optional('/instances/' + encodeURIComponent(id) + '/endpoints'),
      optional('/instances/' + encodeURIComponent(id) + '/topics'),
      optional('/instances/' + encodeURIComponent(id) + '/groups'),
      B.api('GET', '/instances/' + encodeURIComponent(id) + '/timeline'),
      B.api('GET', '/orders?instanceId=' + encodeURIComponent(id))]);
    const flow = h('section', { id: 'flow', class: 'card', 'aria-label': 'Change', hidden: true });
    const changes = h('section', { class: 'card', 'aria-labelledby': 'h-changes' }, h('h2', { id: 'h-changes' }, 'Changes'),
      await B.flowButtons(i, product, actions.status === 200 ? actions.body.actions : [], flow));
    B.page(i.instanceId,
      h('section', { class: 'card', 'aria-labelledby': 'h-basic' }, h('h2', { id: 'h-basic' }, 'Basic information'), B.facts([
        ['Instance ID', i.instanceId], ['Product', product ? product.name : i.product], ['Status', B.statusBadge(i.status)],
        ['Region', i.region], ['Zone', i.zoneId], ['Account', i.accountId], ['Created', B.time(i.createdAt)],
        i.releasedAt ? ['Released', B.time(i.releasedAt)] : null])),
      h('section', { class: 'card', 'aria-labelledby': 'h-config' }, h('h2', { id: 'h-config' }, 'Configuration'), B.facts([
        ['Edition', i.edition], ['Class', i.instanceClass], ['Storage', i.storageGb ? i.storageGb + ' GB ' + (i.storageType || '') : null],
        ...Object.entries(i.attributes || {}).filter(([k]) => !/apacity|autoPause/.test(k)).map(([k, v]) => [k, fact(v)])])),
      billing(i), changes, flow,
      endpoints ? endpointSection(i, endpoints.endpoints || []) : null,
      topics || groups ? resources(topics, groups) : null,
      await B.costSection({ instanceId: i.instanceId }),
      ordersSection(orders.status === 200 ? orders.body.orders : []),
      timelineSection(timeline.status === 200 ? timeline.body.events : []));
  };

  async function optional(path) {
    const r = await B.api('GET', path);
    return r.status === 200 ? r.body : null;
  }

  const fact = v => typeof v === 'object' ? JSON.stringify(v) : String(v);

  function billing(i) {
    const s = i.subscription;
    const serverless = Object.entries(i.attributes || {}).filter(([k]) => /apacity|autoPause/.test(k));
    return h('section', { class: 'card', 'aria-labelledby': 'h-billing' }, h('h2', { id: 'h-billing' }, 'Billing'), B.facts([
      ['Billing method', h('span', { id: 'billing-method' }, B.methodLabel(i.billingMethod))],
      ...(i.billingMethod === 'Serverless' ? serverless.map(([k, v]) => ['Serverless ' + k, fact(v)]) : []),
      s ? ['Expires', B.time(s.expiresAt)] : null,
      s ? ['Post-expiration action', h('span', { id: 'post-expiration' }, s.postExpirationAction)] : null,
      s ? ['Auto-renew', s.autoRenewMonths ? 'every ' + s.autoRenewMonths + ' months' : 'off'] : null,
      s ? ['At expiry', h('span', { id: 'at-expiry' }, s.atExpiry)] : null,
      s && s.releaseAt ? ['Released at', B.time(s.releaseAt)] : null]));
  }

  function endpointSection(i, endpoints) {
    return h('section', { class: 'card', 'aria-labelledby': 'h-endpoints' }, h('h2', { id: 'h-endpoints' }, 'Endpoints'),
      B.table([
        { label: 'Endpoint', value: e => [e.endpointId, e.status === 'ToBeUnpublished' ? h('span', { class: 'mark' }, 'To Be Unpublished') : null] },
        { label: 'Status', value: e => e.deletedAt ? 'Deleted ' + B.time(e.deletedAt) : e.status },
        { label: 'Address', value: e => e.address || e.endpointUrl || e.url || '—' },
        { label: 'Billing', value: e => e.billingModel || '—' },
        { label: '', value: e => e.status === 'ToBeUnpublished' && !e.deletedAt
            ? h('button', { class: 'danger', 'data-endpoint': e.endpointId, onclick: () => B.endpointDeletion(i, e) }, 'Delete endpoint') : '' }
      ], endpoints, { id: 'endpoints', caption: 'Endpoints' }));
  }

  function resources(topics, groups) {
    const list = (title, items) => items ? [h('h3', {}, title + ' (' + items.length + ')'),
      h('ul', { id: title.toLowerCase() }, items.map(t => h('li', {}, t.name)))] : [];
    return h('section', { class: 'card', 'aria-labelledby': 'h-resources' }, h('h2', { id: 'h-resources' }, 'Topics and groups'),
      list('Topics', topics && topics.topics), list('Groups', groups && groups.groups));
  }

  function ordersSection(orders) {
    return h('section', { class: 'card', 'aria-labelledby': 'h-orders' }, h('h2', { id: 'h-orders' }, 'Orders'), B.ordersTable(orders));
  }

  function timelineSection(events) {
    return h('section', { class: 'card', 'aria-labelledby': 'h-timeline' }, h('h2', { id: 'h-timeline' }, 'Timeline'),
      h('ol', { id: 'timeline' }, events.slice(-50).reverse().map(e => h('li', {}, h('time', { datetime: e.at }, B.time(e.at)), ' ', e.kind))));
  }
})();
