// Change flows, built from the API: the actions an instance offers (GET /console/instances/{id}/actions) and the
// product routes of the OpenAPI document. Each flow: a form with the estimate and every violation with its fix,
// then a confirmation repeating what will happen, then progress until the status settles.
'use strict';
(function () {
  const h = B.h;
  const ACTIONS = {
    pause: { label: 'Pause', fields: [] }, resume: { label: 'Resume', fields: [] },
    modifySpec: { label: 'Change configuration', fields: ['instanceClass', 'storageGb', 'nodeCount'] },
    upgradeEdition: { label: 'Upgrade edition', fields: ['edition', 'instanceClass', 'months'] },
    renew: { label: 'Renew', fields: ['months'] }, setAutoRenew: { label: 'Auto-renew', fields: ['enabled', 'months'] },
    setPostExpirationAction: { label: 'Post-expiration action', fields: ['postExpirationAction'] },
    unsubscribe: { label: 'Unsubscribe', fields: [] }
  };
  const FIELD_LABELS = { instanceClass: 'Instance class', storageGb: 'Storage (GB)', nodeCount: 'Nodes', edition: 'Edition', months: 'Months',
    enabled: 'Enabled', postExpirationAction: 'Post-expiration action', payType: 'Billing method', minCapacity: 'Minimum RCU',
    maxCapacity: 'Maximum RCU', autoPause: 'Automatic stop and restart', switchForce: 'Switch even if it interrupts connections',
    effectiveTime: 'Switching time', switchTime: 'Scheduled switching time (UTC)' };
  /** How to fix a refusal the console can fix for the user, by its code; the API's message says the rest. */
  const FIXES = {
    SSLInstanceNotSupportThisOperation: { text: 'Turn SSL encryption off.', attribute: 'sslEnabled' },
    MaxscaleNotSupport: { text: 'Turn the database proxy off.', attribute: 'proxyEnabled' },
    PgBouncerNotSupportThisOperation: { text: 'Turn the PgBouncer connection pool off.', attribute: 'pgBouncerEnabled' },
    BYOKInstanceNotSupportThisOperation: { text: 'Turn disk encryption off.', attribute: 'diskEncryptionEnabled' },
    'ServiceLinkedRole.NotExist': { text: 'Create the service-linked roles it names.', roles: true },
    InstanceHasReadOnlyInstanceNotSupportThisOperation: { text: 'Release the read-only instances first.' },
    'OperationDenied.DurationLimit': { text: 'Wait: the switch is allowed once every 24 hours.' },
    InvalidRCUValue: { text: 'Give a Minimum RCU no greater than the Maximum RCU, both within the range the class takes, in its RCU steps.' }
  };
  const STATE_ONLY = ['pause', 'resume'];
  const DELETE_NOT_CONFIRMED = 'OperationDenied.DeleteResourceNotConfirmed';

  B.flowButtons = async function (i, product, actions, panel) {
    const flows = actions.map(a => Object.assign({ kind: 'action', name: a, label: a }, ACTIONS[a] || { fields: null }));
    flows.push(...await routeFlows(i));
    if (!flows.length) return h('p', { class: 'muted' }, 'No change is possible now.');
    return h('div', { class: 'actions' }, flows.map(f => h('button', { class: 'secondary', 'data-flow': f.name,
      onclick: () => open(i, product, f, panel) }, f.label)));
  };

  /** Product routes under /api/v1/instances/{id}/... that take a body and have an estimator (RDS's billing-method switch). */
  async function routeFlows(i) {
    const doc = await B.loadOpenApi();
    const out = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const m = path.match(/^\/api\/v1\/instances\/\{id\}\/([a-z]+)$/);
      if (!m || !ops.post || ops.get || ['changes', 'usage'].includes(m[1])) continue;
      const schema = ((ops.post.requestBody || {}).content || {})['application/json'];
      if (!schema || !schema.schema.properties) continue;
      const probe = await B.api('POST', '/estimates', { instanceId: i.instanceId });
      if (probe.body.code === 'MissingParameter' && /action/.test(probe.body.message || '')) continue;
      const other = i.billingMethod === 'Serverless' ? 'PayAsYouGo' : 'Serverless';
      out.push({ kind: 'route', name: m[1], route: m[1], schema: schema.schema.properties, defaults: { payType: other },
        label: m[1] === 'switch' ? 'Change to ' + B.methodLabel(other) : ops.post.summary, fields: Object.keys(schema.schema.properties) });
      if (i.billingMethod === 'Serverless' && m[1] === 'switch') {
        // The same route keeps a serverless instance serverless with a new RCU range and policies.
        // Its estimate prices the new range under the range's rules alone (no switch happens).
        out.push({ kind: 'route', name: 'serverlessSettings', route: m[1], schema: schema.schema.properties, label: 'Change serverless settings',
          defaults: serverlessNow(i), estimateWith: { instanceClass: i.instanceClass },
          fields: ['minCapacity', 'maxCapacity', 'autoPause', 'switchForce'].filter(f => schema.schema.properties[f]) });
      }
    }
    return out;
  }

  /** A serverless instance's range and policies as they are, to start its settings form from. */
  function serverlessNow(i) {
    const a = i.attributes || {};
    const v = { payType: 'Serverless' };
    if (a.minCapacity !== undefined) v.minCapacity = Number(a.minCapacity);
    if (a.maxCapacity !== undefined) v.maxCapacity = Number(a.maxCapacity);
    for (const k of ['autoPause', 'switchForce']) if (typeof a[k] === 'boolean') v[k] = a[k];
    return v;
  }

  async function changeSchema() {
    return (await B.loadOpenApi()).components.schemas.Change.properties;
  }

  async function open(i, product, flow, panel) {
    const schema = flow.schema || await changeSchema();
    const names = flow.fields || Object.keys(schema).filter(k => k !== 'action');
    const values = Object.assign({}, flow.defaults || {});
    // An unticked box is an answer too: the API wants every flag said (AutoPause, SwitchForce).
    for (const n of names) if ((schema[n] || {}).type === 'boolean' && !(n in values) && n !== 'confirmDeleteResource') values[n] = false;
    const estimateBox = h('div', { id: 'flow-estimate', 'aria-live': 'polite' });
    const inputs = names.map(n => field(n, schema[n] || {}, i, product, values, () => estimate(i, flow, values, estimateBox, review)));
    const review = h('button', { id: 'flow-review', type: 'button', disabled: true,
      onclick: () => confirmStep(i, flow, values, panel) }, 'Review and confirm');
    B.fill(panel, h('h2', { id: 'h-flow', tabindex: '-1' }, flow.label),
      inputs.length ? h('div', { class: 'filters' }, inputs) : null,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'flow-estimate-button',
        onclick: () => estimate(i, flow, values, estimateBox, review) }, 'Estimate'), review,
        h('button', { type: 'button', class: 'secondary', onclick: () => { panel.hidden = true; } }, 'Cancel')), estimateBox);
    panel.hidden = false;
    panel.querySelector('#h-flow').focus();
    await estimate(i, flow, values, estimateBox, review);
  }

  function field(name, prop, i, product, values, changed) {
    const label = FIELD_LABELS[name] || name;
    const set = v => { if (v === '' || v === null) delete values[name]; else values[name] = v; changed(); };
    let input;
    if (prop.type === 'boolean') {
      input = h('input', { type: 'checkbox', id: 'flow-' + name, checked: values[name] === true, onchange: e => set(e.target.checked) });
      return h('label', { class: 'check' }, input, label);
    }
    const options = name === 'edition' ? product.editions : name === 'payType' ? Object.keys(B.METHOD_LABELS)
      : name === 'postExpirationAction' && i.subscription ? i.subscription.postExpirationActions : prop.enum;
    if (options) {
      input = h('select', { id: 'flow-' + name, onchange: e => set(e.target.value) }, h('option', { value: '' }, '—'),
        options.map(o => h('option', { value: o, selected: values[name] === o }, o)));
    } else {
      const numeric = prop.type === 'integer' || prop.type === 'number';
      const list = name === 'instanceClass' ? 'classes-' + product.code : null;
      input = h('input', { id: 'flow-' + name, type: numeric ? 'number' : prop.format === 'date-time' ? 'datetime-local' : 'text',
        step: prop.type === 'number' ? 'any' : null, list, value: values[name],
        onchange: e => set(e.target.value === '' ? '' : numeric ? Number(e.target.value)
          : prop.format === 'date-time' ? e.target.value + ':00Z' : e.target.value) });
      if (list) return h('label', {}, label, input, h('datalist', { id: list }, product.classes.map(c => h('option', { value: c.code }))));
    }
    return h('label', {}, label, input);
  }

  /** The body of an estimate: the same fields as the change, less those the estimate does not take. */
  async function estimateBody(i, flow, values) {
    if (flow.kind === 'action') return Object.assign({ instanceId: i.instanceId, action: flow.name }, values);
    const props = (await B.loadOpenApi()).paths['/api/v1/estimates'].post.requestBody.content['application/json'].schema.properties;
    const body = Object.assign({ instanceId: i.instanceId }, flow.estimateWith || {});
    for (const [k, v] of Object.entries(values)) if (props[k]) body[k] = v;
    return body;
  }

  async function estimate(i, flow, values, box, review) {
    // Each change of a field asks again; only the answer to the latest question is shown.
    const ticket = flow.asked = (flow.asked || 0) + 1;
    let r = await B.api('POST', '/estimates', await estimateBody(i, flow, values));
    if (ticket !== flow.asked) return;
    if (STATE_ONLY.includes(flow.name) && r.status === 400 && r.body.code === 'InvalidParameter') {
      // The API estimates orders; a pause or resume makes none: billing follows the state from its second.
      r = { status: 200, body: { eligible: true, unavailable: r.body.message, explanation: 'No order and no refund: from the second it changes, '
        + 'the instance is billed as its product bills the new state (see its state rules in the catalog).' } };
    }
    const e = r.status === 200 ? r.body : { eligible: false, violations: r.body.violations || [{ code: r.body.code, message: r.body.message }] };
    flow.lastEstimate = e;
    const violations = e.violations || [];
    const loss = violations.find(v => v.code === DELETE_NOT_CONFIRMED);
    B.fill(box, 
      r.status === 200 ? summary(e) : null,
      loss ? dataLoss(loss, values, () => estimate(i, flow, values, box, review)) : null,
      violations.filter(v => v !== loss).length ? h('div', { id: 'flow-violations' }, h('h3', {}, 'Why this cannot be done yet'),
        violations.filter(v => v !== loss).map(v => violation(i, v, () => estimate(i, flow, values, box, review)))) : null,
      e.eligible ? h('p', { id: 'flow-eligible', class: 'muted' }, 'Nothing blocks this change.') : null);
    review.disabled = !e.eligible;
  }

  function summary(e) {
    const cur = e.currency || '';
    return h('div', { class: 'estimate', id: 'flow-estimate-summary' }, B.facts([
      e.orderAmount !== undefined ? ['Order amount', h('span', { id: 'estimate-order' }, B.money(e.orderAmount, cur))] : null,
      e.cashPaid !== undefined ? ['To pay', B.money(e.cashPaid, cur)] : null,
      e.refund !== undefined ? ['Refund', h('span', { id: 'estimate-refund' }, B.money(e.refund, cur))] : null,
      e.hourlyBefore !== undefined ? ['Cost per hour', h('span', { id: 'estimate-hourly' }, B.money(e.hourlyBefore, cur) + ' now → '
        + B.money(e.hourlyAfter, cur) + ' after')] : null,
      e.unavailable !== undefined ? ['Estimate', h('span', { id: 'estimate-unavailable' }, 'No estimate available'
        + (e.unavailable ? ' (' + e.unavailable + ')' : ''))] : null,
      e.explanation ? ['What happens', h('span', { id: 'estimate-explanation' }, e.explanation)] : null]),
      warns(e.explanation) ? h('p', { class: 'warning', id: 'flow-warning' }, 'Read before confirming: ' + e.explanation) : null);
  }

  const warns = text => /delet|To Be Unpublished|lost|interrupt/i.test(text || '');

  function dataLoss(v, values, again) {
    return h('div', { class: 'warning', id: 'flow-data-loss', role: 'alert' }, h('strong', {}, 'Data loss: '), v.message,
      h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'flow-confirm-delete', checked: values.confirmDeleteResource === true,
        onchange: e => { if (e.target.checked) values.confirmDeleteResource = true; else delete values.confirmDeleteResource; again(); } }),
        'I understand: the instance and everything it holds will be deleted.'));
  }

  function violation(i, v, again) {
    const fix = FIXES[v.code] || {};
    const earliest = (v.message || '').match(/possible from (\d{4}-\d\d-\d\dT[\d:.]+Z)/);
    return h('div', { class: 'violation', 'data-code': v.code }, h('strong', {}, v.code), ' ', v.message,
      h('p', {}, 'How to fix: ', fix.text || v.message), earliest ? h('p', { class: 'earliest' }, 'Possible from ' + B.time(earliest[1])) : null,
      fixButton(i, v, fix, again));
  }

  function fixButton(i, v, fix, again) {
    if (fix.attribute && B.session.operator) {
      return h('button', { type: 'button', 'data-fix': v.code, onclick: async () => {
        const r = await B.api('PATCH', '/instances/' + encodeURIComponent(i.instanceId) + '/attributes', { [fix.attribute]: false });
        B.announce(r.status === 200 ? 'Fixed: ' + fix.text : (r.body.message || 'not fixed'));
        again();
      } }, 'Fix: ' + fix.text);
    }
    if (fix.roles) {
      const roles = [...new Set((v.message.match(/AliyunServiceRole\w+/g) || []))];
      return h('button', { type: 'button', 'data-fix': v.code, onclick: async () => {
        for (const role of roles) await B.api('POST', '/accounts/' + encodeURIComponent(i.accountId) + '/service-linked-roles', { roleName: role });
        B.announce('Created ' + roles.join(', '));
        again();
      } }, 'Create ' + roles.join(' and '));
    }
    return null;
  }

  function confirmStep(i, flow, values, panel) {
    const e = flow.lastEstimate || {};
    const chosen = Object.entries(values).filter(([k]) => k !== 'confirmDeleteResource').map(([k, v]) => [FIELD_LABELS[k] || k, String(v)]);
    const warning = values.confirmDeleteResource ? 'The instance and everything it holds will be deleted.' : warns(e.explanation) ? e.explanation : null;
    const ack = warning ? h('input', { type: 'checkbox', id: 'flow-ack', onchange: ev => { go.disabled = !ev.target.checked; } }) : null;
    const go = h('button', { id: 'flow-confirm', disabled: !!warning, onclick: () => submit(i, flow, values, panel) }, 'Confirm ' + flow.label);
    B.fill(panel, h('h2', { id: 'h-flow', tabindex: '-1' }, 'Confirm: ' + flow.label + ' of ' + i.instanceId),
      h('div', { id: 'flow-confirmation' }, B.facts(chosen), summary(e),
        warning ? h('div', { class: 'warning', id: 'confirm-warning', role: 'alert' }, h('strong', {}, 'Warning: '), warning) : null,
        ack ? h('label', { class: 'check' }, ack, 'I have read the warning') : null),
      h('div', { class: 'actions' }, go, h('button', { class: 'secondary', onclick: () => B.route() }, 'Back')));
    panel.querySelector('#h-flow').focus();
  }

  async function submit(i, flow, values, panel) {
    const path = '/instances/' + encodeURIComponent(i.instanceId) + '/' + (flow.kind === 'action' ? 'changes' : flow.route);
    const r = await B.api('POST', path, flow.kind === 'action' ? Object.assign({ action: flow.name }, values) : values);
    if (r.status !== 200 && r.status !== 202) {
      B.fill(panel, h('h2', {}, flow.label), B.problem(r), (r.body.violations || []).map(v => violation(i, v, () => B.route())));
      return;
    }
    await progress(i, panel, flow.label, r.body);
  }

  /** Watches the instance until it leaves its busy status (a simulated clock moves it on as the clock advances). */
  async function progress(i, panel, label, answer) {
    const status = h('p', { id: 'flow-progress', role: 'status' });
    B.fill(panel, h('h2', {}, label), answer.explanation ? h('p', { id: 'flow-result' }, answer.explanation) : null, status);
    // Until the page is left or re-rendered (a clock advance renders it anew with the new status).
    for (let n = 0; n < 120 && status.isConnected; n++) {
      const r = await B.api('GET', '/instances/' + encodeURIComponent(i.instanceId));
      // A page rendered meanwhile already shows the new status; re-rendering it would close what the user opened since.
      if (!status.isConnected) return;
      const s = r.status === 200 ? r.body.status : 'unknown';
      if (!B.busy(s)) {
        B.fill(status, 'Done: ', B.statusBadge(s));
        status.setAttribute('data-settled', s);
        setTimeout(() => { if (status.isConnected) B.route(); }, 600);
        return;
      }
      B.fill(status, 'In progress: ', B.statusBadge(s), n > 2 ? ' — it settles as the clock moves on' : '');
      await new Promise(res => setTimeout(res, 500));
    }
  }

  /** Deleting an endpoint marked To Be Unpublished: its fees stop at this second; clients still on it lose it. */
  B.endpointDeletion = function (i, e) {
    const panel = document.getElementById('flow');
    B.fill(panel, h('h2', { id: 'h-flow', tabindex: '-1' }, 'Delete endpoint ' + e.endpointId),
      h('p', { class: 'warning', id: 'confirm-warning' }, 'Its endpoint fee and traffic fees stop at this second; clients still using it lose their connection.'),
      h('div', { class: 'actions' }, h('button', { class: 'danger', id: 'flow-confirm', onclick: async () => {
        const r = await B.api('DELETE', '/instances/' + encodeURIComponent(i.instanceId) + '/endpoints/' + encodeURIComponent(e.endpointId));
        if (r.status !== 200) { panel.append(B.problem(r)); return; }
        B.announce('Endpoint deleted'); B.route();
      } }, 'Delete endpoint'), h('button', { class: 'secondary', onclick: () => { panel.hidden = true; } }, 'Cancel')));
    panel.hidden = false;
    panel.querySelector('#h-flow').focus();
  };
})();
