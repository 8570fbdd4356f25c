// FlapGuard console: plain modern JS, no framework, nothing fetched from outside this origin.
// Pages are hash routes (#/fleet, #/router/<serial>, #/rollouts, #/attention, #/audit). Every call carries the
// login the person typed (kept in this tab's sessionStorage only); the services decide what each role may do.
'use strict';

const REFRESH_MS = 2000;
const ROLE_ORDER = ['viewer', 'operator', 'approver', 'admin'];
let me = null;
let refreshTimer = null;

const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Replaces what root shows; null parts (optional sections) are left out. */
function show(root, ...nodes) {
  root.replaceChildren(...nodes.flat(Infinity).filter(n => n !== null && n !== undefined));
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// ---- API -------------------------------------------------------------------------------------------------------

function authorization() {
  return sessionStorage.getItem('flapguard.auth');
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: authorization() || '' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'omit',
  });
  if (response.status === 401) {
    logout('Your login was refused: log in again.');
    throw new Error('not logged in');
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try { message = JSON.parse(text).error || text; } catch (e) { /* plain text */ }
    const error = new Error(message || response.statusText);
    error.status = response.status;
    throw error;
  }
  return text ? JSON.parse(text) : null;
}

function can(role) {
  return me !== null && me.roles.includes(role);
}

// ---- login -----------------------------------------------------------------------------------------------------

async function login(event) {
  event.preventDefault();
  const user = $('#login-user').value;
  const password = $('#login-password').value;
  const encoded = btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
  sessionStorage.setItem('flapguard.auth', 'Basic ' + encoded);
  $('#login-error').textContent = '';
  try {
    await start();
  } catch (e) {
    $('#login-error').textContent = e.message === 'not logged in' ? 'Wrong user name or password.' : e.message;
  }
}

function logout(message) {
  sessionStorage.removeItem('flapguard.auth');
  me = null;
  stopRefresh();
  $('#nav').hidden = true;
  $('#who').textContent = '';
  show($('#page'));
  $('#login').hidden = false;
  $('#login-error').textContent = message || '';
}

async function start() {
  me = await api('/me');
  $('#login').hidden = true;
  $('#nav').hidden = false;
  $('#who').replaceChildren(
    el('span', { id: 'who-name' }, me.name + ' (' + me.roles.filter(r => ROLE_ORDER.includes(r)).join(', ') + ')'),
    ' ', el('button', { type: 'button', class: 'link', onclick: () => logout() }, 'Log out'));
  route();
}

// ---- routing ---------------------------------------------------------------------------------------------------

function stopRefresh() {
  if (refreshTimer) clearInterval(refreshTimer);
  refreshTimer = null;
}

function route() {
  if (!me) return;
  stopRefresh();
  const [page, arg] = location.hash.replace(/^#\/?/, '').split('/');
  document.querySelectorAll('#nav a[data-page]').forEach(a =>
    a.toggleAttribute('aria-current', a.dataset.page === (page || 'fleet')));
  const pages = { fleet: fleetPage, router: routerPage, rollouts: rolloutsPage, attention: attentionPage,
    audit: auditPage };
  const render = pages[page] || fleetPage;
  const root = $('#page');
  show(root, el('p', { class: 'muted' }, 'Loading…'));
  render(root, arg ? decodeURIComponent(arg) : null).catch(e => showError(root, e));
}

function showError(root, e) {
  if (e.message !== 'not logged in') show(root, el('p', { class: 'error', role: 'alert' }, e.message));
}

/** Re-renders a part of the page every REFRESH_MS until the person navigates away. */
function live(render) {
  stopRefresh();
  refreshTimer = setInterval(() => render().catch(() => { /* shown on the next good answer */ }), REFRESH_MS);
}

// ---- formatting ------------------------------------------------------------------------------------------------

const fmt = {
  time: t => t ? new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—',
  pct: x => x === null || x === undefined ? '—' : (100 * x).toFixed(0) + ' %',
  num: (x, d = 2) => x === null || x === undefined ? '—' : Number(x).toFixed(d),
};

function badge(text, kind) {
  return el('span', { class: 'badge ' + (kind || String(text).toLowerCase()) }, text);
}

function table(caption, headers, rows, attrs = {}) {
  return el('table', attrs,
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.length ? rows
      : el('tr', {}, el('td', { colspan: headers.length, class: 'muted' }, 'none'))));
}

// ---- fleet -----------------------------------------------------------------------------------------------------

async function fleetPage(root) {
  const [summary, cohorts] = await Promise.all([api('/api/fleet/summary'), api('/api/cohorts')]);
  const chips = el('div', { class: 'chips', id: 'fleet-summary' },
    el('span', { class: 'chip' }, el('b', {}, summary.routers), ' routers'),
    Object.entries(summary.byState).map(([k, v]) => el('span', { class: 'chip ' + k }, el('b', {}, v), ' ' + k)),
    Object.entries(summary.byCause).filter(([k]) => k !== 'NONE')
      .map(([k, v]) => el('span', { class: 'chip' }, el('b', {}, v), ' ' + k.toLowerCase())));
  const others = summary.otherInstances.length
    ? el('p', { class: 'muted' }, 'Counts of this analyzer instance; others: ' + summary.otherInstances.join(', '))
    : null;

  const cohortRows = cohorts.map(c => el('tr', { class: c.implicated ? 'implicated' : null, 'data-cohort': c.cohort.key },
    el('th', { scope: 'row' }, cohortName(c.cohort)),
    el('td', {}, c.implicated ? badge('implicated', 'flapping') : badge('no', 'stable')),
    el('td', { class: 'num' }, c.routers),
    el('td', { class: 'num' }, c.flappers),
    el('td', {}, intervalPlot(c.share, c.shareLow, c.shareHigh, c.baselineShare, 1,
      'share of flapping routers ' + fmt.pct(c.share) + ', 95 % interval ' + fmt.pct(c.shareLow) + ' to '
      + fmt.pct(c.shareHigh) + '; other firmware ' + fmt.pct(c.baselineShare))),
    el('td', {}, c.rateRatio === null || c.rateRatio === undefined ? '—'
      : ratioPlot(c.rateRatio, c.ratioLow, c.ratioHigh)),
    el('td', { class: 'reason' }, c.reason || '')));

  const filters = el('form', { class: 'filters', id: 'router-search', onsubmit: e => { e.preventDefault(); loadRouters(); } },
    el('label', { for: 'serial-prefix' }, 'Serial'),
    el('input', { id: 'serial-prefix', inputmode: 'numeric', placeholder: 'starts with…' }),
    el('label', { for: 'state-filter' }, 'State'),
    el('select', { id: 'state-filter' }, ['', 'flapping', 'stable'].map(s => el('option', { value: s }, s || 'any'))),
    el('label', { for: 'cause-filter' }, 'Cause'),
    el('select', { id: 'cause-filter' }, ['', ...Object.keys(summary.byCause)]
      .map(s => el('option', { value: s }, s ? s.toLowerCase() : 'any'))),
    el('button', { type: 'submit' }, 'Search'));
  const list = el('div', { id: 'router-list' });

  show(root, 
    el('h1', {}, 'Fleet'), chips, others,
    el('h2', {}, 'Cohorts'),
    el('p', { class: 'muted' }, 'A cohort is implicated when its share of flapping routers is far above the same '
      + 'modem model on other firmware (one-sided exact test). Bars: 95 % interval; dot: estimate; line: other firmware.'),
    el('div', { class: 'scroll' }, table('Cohorts by router model, router firmware, modem model and modem firmware',
      ['Cohort', 'Implicated', 'Routers', 'Flapping', 'Share flapping', 'Rate ratio', 'Why'], cohortRows,
      { id: 'cohorts' })),
    el('h2', {}, 'Routers'), filters, list);
  await loadRouters();
}

function cohortName(c) {
  return [c.routerModel || '?', c.routerFirmware || '?', c.modemModel || '?', c.modemFirmware || '?'].join(' · ');
}

async function loadRouters(after) {
  const params = new URLSearchParams({ limit: '50' });
  const prefix = $('#serial-prefix').value.trim();
  if (prefix) params.set('serial', prefix);
  if ($('#state-filter').value) params.set('state', $('#state-filter').value);
  if ($('#cause-filter').value) params.set('cause', $('#cause-filter').value);
  if (after) params.set('after', after);
  const page = await api('/api/routers?' + params);
  const rows = page.items.map(r => el('tr', { 'data-serial': r.serial },
    el('th', { scope: 'row' }, el('a', { href: '#/router/' + encodeURIComponent(r.serial) }, r.serial)),
    el('td', {}, badge(r.state)),
    el('td', {}, r.cause.toLowerCase()),
    el('td', {}, r.cohort || '—'),
    el('td', { class: 'num' }, r.incidentsTotal),
    el('td', {}, r.openCommand ? 'command open' : (r.verification || ''))));
  const list = $('#router-list');
  const more = page.next
    ? el('button', { type: 'button', onclick: () => loadRouters(page.next) }, 'Next page')
    : null;
  show(list, el('div', { class: 'scroll' },
    table('Routers', ['Serial', 'State', 'Cause', 'Cohort', 'Incidents', 'Update'], rows, { id: 'routers' })), more);
}

/** A share in [0, max] with its interval and a reference mark, as a small inline SVG. */
function intervalPlot(value, low, high, reference, max, label) {
  const w = 160, h = 18, x = v => 4 + (w - 8) * Math.min(1, Math.max(0, v / max));
  return svg('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': label, class: 'interval' },
    svg('title', {}, label),
    svg('line', { x1: 4, x2: w - 4, y1: h / 2, y2: h / 2, class: 'axis' }),
    reference === null || reference === undefined ? null
      : svg('line', { x1: x(reference), x2: x(reference), y1: 2, y2: h - 2, class: 'reference' }),
    svg('line', { x1: x(low), x2: x(high), y1: h / 2, y2: h / 2, class: 'range' }),
    svg('circle', { cx: x(value), cy: h / 2, r: 3.5, class: 'estimate' }));
}

/** A rate ratio with its 95 % interval on a log scale from 0.1 to 100, 1 marked. */
function ratioPlot(ratio, low, high) {
  const w = 160, h = 18, lo = Math.log10(0.1), hi = Math.log10(100);
  const x = v => 4 + (w - 8) * Math.min(1, Math.max(0, (Math.log10(Math.max(v, 0.1)) - lo) / (hi - lo)));
  const label = 'rate ratio ' + fmt.num(ratio) + ', 95 % interval ' + fmt.num(low) + ' to ' + fmt.num(high);
  return el('span', { class: 'ratio' },
    svg('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': label, class: 'interval' },
      svg('title', {}, label),
      svg('line', { x1: 4, x2: w - 4, y1: h / 2, y2: h / 2, class: 'axis' }),
      svg('line', { x1: x(1), x2: x(1), y1: 2, y2: h - 2, class: 'reference' }),
      svg('line', { x1: x(low || ratio), x2: x(high || ratio), y1: h / 2, y2: h / 2, class: 'range' }),
      svg('circle', { cx: x(ratio), cy: h / 2, r: 3.5, class: 'estimate' })),
    ' ' + fmt.num(ratio, 1));
}

// ---- router ----------------------------------------------------------------------------------------------------

async function routerPage(root, serial) {
  const [view, timeline] = await Promise.all([
    api('/api/routers/' + encodeURIComponent(serial)),
    api('/api/routers/' + encodeURIComponent(serial) + '/timeline')]);
  const d = view.diagnosis;
  const e = d.evidence || {};
  const evidence = [
    ['Decided by', e.decidedBy], ['Note', e.note], ['Incidents in window', e.incidents],
    ['Modem left USB bus', e.modemSideIncidents], ['Data drops', e.dataIncidents], ['Radio', e.radioIncidents],
    ['Operator', e.operatorIncidents], ['Power', e.powerIncidents], ['Kernel log seen', e.kernelLog],
    ['Mean RSRP (dBm)', fmt.num(e.rsrpAvg, 1)], ['Mean SINR (dB)', fmt.num(e.sinrAvg, 1)],
    ['Cohort implicated', e.cohortImplicated], ['Cohort flapping / observed', e.cohortFlappers === undefined ? null
      : e.cohortFlappers + ' / ' + e.cohortObserved],
    ['Other firmware flapping / observed', e.baselineFlappers === undefined ? null
      : e.baselineFlappers + ' / ' + e.baselineObserved],
    ['Exact test p', e.cohortPValue === undefined ? null : Number(e.cohortPValue).toExponential(2)],
    ['Rate before / after change', e.rateBefore === undefined ? null : fmt.num(e.rateBefore) + ' / ' + fmt.num(e.rateAfter)],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '—');
  const updates = await routerUpdates(serial);
  show(root, 
    el('p', {}, el('a', { href: '#/fleet' }, '← Fleet')),
    el('h1', {}, 'Router ', el('span', { id: 'router-serial' }, serial)),
    el('div', { class: 'chips' }, badge(d.state.toLowerCase()), el('span', { class: 'chip', id: 'router-cause' },
      'cause ', el('b', {}, d.cause.toLowerCase()), ' · confidence ' + fmt.num(d.confidence)),
      d.cohort ? el('span', { class: 'chip' }, cohortName(d.cohort)) : null),
    el('h2', {}, 'Timeline'),
    timelineChart(timeline),
    el('h2', {}, 'Diagnosis evidence'),
    el('dl', { class: 'evidence', id: 'evidence' }, evidence.map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
    el('h2', {}, 'Commands and verification'),
    el('dl', { class: 'evidence' },
      el('dt', {}, 'Open command'), el('dd', {}, view.openCommand
        ? view.openCommand.commandId + ' → ' + view.openCommand.targetFirmware + ' at ' + fmt.time(view.openCommand.issuedAt)
        : 'none'),
      el('dt', {}, 'Targets issued'), el('dd', {}, (view.issuedTargets || []).join(', ') || 'none'),
      el('dt', {}, 'Verification'), el('dd', { id: 'verification' }, view.verification
        ? view.verification.outcome + ' (' + view.verification.targetFirmware + ' since ' + fmt.time(view.verification.since) + ')'
        : 'none')),
    updates);
}

async function routerUpdates(serial) {
  let attention = [];
  try {
    attention = (await api('/updater/attention?limit=1000')).filter(a => a.serial === serial);
  } catch (e) { /* the updater may be down; the analyzer's view stands on its own */ }
  return attention.length
    ? el('p', { class: 'error' }, 'Needs a person: ' + attention.map(a => a.reason).join('; '))
    : null;
}

/** Penalty (with start/stop thresholds), incidents by class, reboots, firmware change, and signal, on one time axis. */
function timelineChart(t) {
  const from = Date.parse(t.from), to = Math.max(Date.parse(t.to), from + 60000);
  const w = 900, top = 170, gap = 24, bottom = 90, h = top + gap + bottom + 24, left = 56, right = 10;
  const x = ms => left + (w - left - right) * (ms - from) / (to - from);
  const maxPenalty = Math.max(t.penaltyStart * 1.4, ...t.penalty.map(p => p.value));
  const yp = v => top - (top - 10) * v / maxPenalty;
  const rsrps = t.signal.filter(s => s.rsrp !== null && s.rsrp !== undefined);
  const yr = v => top + gap + bottom - bottom * (Math.min(-60, Math.max(-130, v)) + 130) / 70;
  const label = `Timeline of ${t.serial}: ${t.incidents.length} incidents, ${t.reboots.length} reboots, `
    + `penalty ${Math.round(t.storedPenalty)} (flapping starts at ${t.penaltyStart}, stops at ${t.penaltyStop})`;
  const ticks = [];
  for (let i = 0; i <= 4; i++) {
    const ms = from + (to - from) * i / 4;
    ticks.push(svg('text', { x: x(ms), y: h - 4, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle',
      class: 'tick' }, fmt.time(ms).slice(5, 16)));
  }
  const path = t.penalty.map((p, i) => (i ? 'L' : 'M') + x(Date.parse(p.at)).toFixed(1) + ' ' + yp(p.value).toFixed(1)).join(' ');
  return el('figure', { class: 'timeline' },
    svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': label, id: 'timeline' },
      svg('title', {}, label),
      svg('text', { x: 4, y: 14, class: 'tick' }, 'penalty'),
      svg('line', { x1: left, x2: w - right, y1: yp(t.penaltyStart), y2: yp(t.penaltyStart), class: 'threshold start' }),
      svg('text', { x: left + 2, y: yp(t.penaltyStart) - 3, class: 'tick' }, 'start ' + t.penaltyStart),
      svg('line', { x1: left, x2: w - right, y1: yp(t.penaltyStop), y2: yp(t.penaltyStop), class: 'threshold stop' }),
      svg('text', { x: left + 2, y: yp(t.penaltyStop) - 3, class: 'tick' }, 'stop ' + t.penaltyStop),
      path ? svg('path', { d: path, class: 'penalty' }) : null,
      t.incidents.map(i => svg('rect', { x: x(Date.parse(i.start)) - 2, y: top - 12,
        width: Math.max(4, x(Date.parse(i.end)) - x(Date.parse(i.start))), height: 12,
        class: 'incident ' + i.incidentClass, 'data-class': i.incidentClass },
        svg('title', {}, i.incidentClass + ' incident at ' + fmt.time(i.start) + (i.modemLeftBus ? ', modem left the USB bus' : '')))),
      t.reboots.map(r => svg('line', { x1: x(Date.parse(r)), x2: x(Date.parse(r)), y1: 10, y2: top, class: 'reboot' },
        svg('title', {}, 'reboot at ' + fmt.time(r)))),
      t.firmwareChange ? svg('line', { x1: x(Date.parse(t.firmwareChange)), x2: x(Date.parse(t.firmwareChange)), y1: 10,
        y2: top + gap + bottom, class: 'firmware' }, svg('title', {}, 'firmware change at ' + fmt.time(t.firmwareChange)
        + (t.modemFirmware ? ' (now ' + t.modemFirmware + ')' : ''))) : null,
      svg('text', { x: 4, y: top + gap + 10, class: 'tick' }, 'RSRP dBm'),
      [-80, -100, -120].map(v => svg('text', { x: left - 4, y: yr(v) + 4, 'text-anchor': 'end', class: 'tick' }, v)),
      svg('line', { x1: left, x2: w - right, y1: yr(-110), y2: yr(-110), class: 'threshold stop' }),
      rsrps.map(s => svg('circle', { cx: x(Date.parse(s.at)), cy: yr(s.rsrp), r: 3, class: 'signal' },
        svg('title', {}, 'RSRP ' + s.rsrp + ' dBm, SINR ' + fmt.num(s.sinr, 1) + ' dB at ' + fmt.time(s.at)))),
      ticks),
    el('figcaption', {}, 'Incidents by class: ', ['modem', 'data', 'radio', 'operator', 'power', 'pending']
      .map(c => el('span', { class: 'legend ' + c }, c)), ' · dashed: firmware change · grey: reboots · '
      + 'the newest ' + t.incidents.length + ' incidents and ' + t.signal.length + ' signal samples the analyzer keeps'));
}

// ---- rollouts --------------------------------------------------------------------------------------------------

async function rolloutsPage(root) {
  const container = el('div', { id: 'rollouts' });
  show(root, el('h1', {}, 'Rollouts'),
    el('p', { class: 'muted' }, 'Updates live every ' + REFRESH_MS / 1000 + ' s. Approve needs role approver; '
      + 'pause, resume and cancel need role operator.'), container);
  await refreshRollouts();
  live(refreshRollouts);
}

/** Rollouts whose router list the person opened stay open across the live refresh. */
const openRouterLists = new Set();

async function rolloutCards() {
  const rollouts = await api('/updater/rollouts');
  if (!rollouts.length) return [el('p', { class: 'muted' }, 'No rollouts yet.')];
  const members = await Promise.all(rollouts.map(r =>
    api('/updater/rollouts/' + encodeURIComponent(r.id) + '/routers').catch(() => [])));
  return rollouts.map((r, i) => el('article', { class: 'card rollout', 'data-rollout': r.id, 'data-state': r.state },
    el('h2', {}, r.targetFirmware, ' ', badge(r.state.toLowerCase().replace(/_/g, ' '), 'state'),
      r.dryRun ? badge('dry run', 'stable') : null),
    el('p', { class: 'muted' }, 'Rollout ' + r.id + (r.pausedReason ? ' · paused: ' + r.pausedReason : '')),
    el('p', { class: 'counts' }, `queued ${r.queued} · running ${r.running} · succeeded ${r.succeeded} · `
      + `failed ${r.failed} · cancelled ${r.cancelled}`),
    el('div', { class: 'scroll' }, table('Waves', ['Wave', 'Size', 'Progress', 'Running', 'Succeeded', 'Failed', 'Approved'],
      r.waves.map(w => el('tr', { 'data-wave': w.index, 'data-complete': w.complete },
        el('th', { scope: 'row' }, w.index === 0 ? 'canary' : 'wave ' + w.index),
        el('td', { class: 'num' }, w.size),
        el('td', {}, el('progress', { max: Math.max(1, w.size), value: w.succeeded + w.failed,
          'aria-label': `wave ${w.index}: ${w.succeeded + w.failed} of ${w.size} done` })),
        el('td', { class: 'num' }, w.running), el('td', { class: 'num' }, w.succeeded),
        el('td', { class: 'num' }, w.failed), el('td', {}, w.approved ? 'yes' : 'no'))))),
    routerList(r, members[i]),
    rolloutButtons(r)));
}

/** Each router of the rollout: its wave, where its update stands, the flash percentage as it prints it. */
function routerList(r, members) {
  const details = el('details', { class: 'routers', 'data-rollout-routers': r.id, open: openRouterLists.has(r.id),
    ontoggle: e => e.target.open ? openRouterLists.add(r.id) : openRouterLists.delete(r.id) },
  el('summary', {}, 'Routers (' + members.length + ')'),
  el('div', { class: 'scroll' }, table('Routers of rollout ' + r.id,
    ['Router', 'Wave', 'Status', 'Step', 'Flash', 'Attempt', 'Last failure', 'Next attempt'],
    members.map(m => el('tr', { 'data-serial': m.serial, 'data-status': m.status },
      el('th', { scope: 'row' }, el('a', { href: '#/router/' + encodeURIComponent(m.serial) }, m.serial)),
      el('td', { class: 'num' }, m.wave === undefined ? '—' : m.wave),
      el('td', {}, m.status.toLowerCase().replace(/_/g, ' ') + (m.attention ? ' · needs a person' : '')),
      el('td', {}, m.step || ''),
      el('td', {}, m.flashPercent === undefined ? '' : [el('progress', { max: 100, value: m.flashPercent,
        'aria-label': m.serial + ' flash ' + m.flashPercent + ' %' }), ' ' + m.flashPercent + ' %']),
      el('td', { class: 'num' }, m.attempt),
      el('td', {}, m.lastFailureKind ? m.lastFailureKind.toLowerCase().replace(/_/g, ' ') : ''),
      el('td', {}, m.nextAttemptNotBefore ? fmt.time(m.nextAttemptNotBefore) : ''))))));
  return details;
}

function rolloutButtons(r) {
  const open = r.state !== 'CANCELLED' && r.state !== 'COMPLETED';
  const buttons = [];
  const reasonId = 'reason-' + r.id;
  const act = (action, label, needsReason) => el('button', { type: 'button', 'data-action': action,
    onclick: async event => {
      const reason = ($('#' + CSS.escape(reasonId)) || { value: '' }).value.trim();
      if (needsReason && !reason) {
        say(r.id, label + ': write a reason first (it is recorded in the audit trail).');
        return;
      }
      event.target.disabled = true;
      try {
        await api('/updater/rollouts/' + encodeURIComponent(r.id) + '/' + action,
          { method: 'POST', body: reason ? { reason } : {} });
        say(r.id, label + ': done.');
        typedReasons.delete(r.id);
        await refreshRollouts();
      } catch (e) {
        say(r.id, label + ' refused: ' + e.message);
        event.target.disabled = false;
      }
    } }, label);
  if (can('approver') && open && r.state === 'WAITING_FOR_APPROVAL') buttons.push(act('approve', 'Approve next wave', false));
  if (can('operator') && open) {
    if (r.state === 'PAUSED') buttons.push(act('resume', 'Resume', r.pausedOnFailures));
    else buttons.push(act('pause', 'Pause', true));
    buttons.push(act('cancel', 'Cancel', true));
  }
  if (can('operator') && r.state === 'CANCELLED') buttons.push(act('reopen', 'Reopen', true));
  if (!buttons.length) return null;
  const reason = el('input', { id: reasonId, class: 'reason-input', placeholder: 'reason (recorded)',
    'aria-label': 'Reason for rollout ' + r.id, oninput: e => typedReasons.set(r.id, e.target.value) });
  reason.value = typedReasons.get(r.id) || '';
  return el('div', { class: 'actions' }, reason, buttons,
    el('span', { id: 'status-' + r.id, class: 'muted', role: 'status' }, statusMessages.get(r.id) || ''));
}

/** What a person typed into a reason field survives the live refresh. */
const typedReasons = new Map();
/** The last answer to a button press, per rollout, also survives it. */
const statusMessages = new Map();

function say(rolloutId, text) {
  statusMessages.set(rolloutId, text);
  const span = document.getElementById('status-' + rolloutId);
  if (span) span.textContent = text;
}

async function refreshRollouts() {
  const container = $('#rollouts');
  if (!container) return;
  const focused = document.activeElement && container.contains(document.activeElement)
    ? document.activeElement.id : null;
  show(container, await rolloutCards());
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
}

// ---- attention and audit ---------------------------------------------------------------------------------------

async function attentionPage(root) {
  const entries = await api('/updater/attention?limit=1000');
  show(root, el('h1', {}, 'Needs attention'),
    el('p', { class: 'muted' }, 'Routers the updater will not touch again on its own: a person must look at them '
      + '(docs/operations.md says what to do for each).'),
    el('div', { class: 'scroll' }, table('Routers needing a person', ['Serial', 'Target', 'Status', 'Step', 'Reason'],
      entries.map(a => el('tr', {},
        el('th', { scope: 'row' }, el('a', { href: '#/router/' + encodeURIComponent(a.serial) }, a.serial)),
        el('td', {}, a.targetFirmware), el('td', {}, a.status), el('td', {}, a.step || ''), el('td', {}, a.reason))),
      { id: 'attention' })));
}

async function auditPage(root) {
  // The trail pages oldest first: read to its end (bounded) and show the newest records first.
  const SHOWN = 200;
  let records = [];
  let after = -1;
  for (let pages = 0; pages < 50; pages++) {
    const page = await api('/audit?limit=1000&after=' + after);
    records = records.concat(page.items.map(i => i.record)).slice(-SHOWN);
    if (page.items.length < 1000 || page.next === after) break;
    after = page.next;
  }
  show(root, el('h1', {}, 'Audit trail'),
    el('p', { class: 'muted' }, 'Every decision by every service, accepted or refused; the newest ' + SHOWN + ', newest first.'),
    el('div', { class: 'scroll' }, table('Audit records', ['When', 'Who', 'Service', 'Action', 'Target', 'Outcome', 'Reason'],
      records.reverse().map(a => el('tr', {},
        el('td', {}, fmt.time(a.at)), el('td', {}, a.who || ''), el('td', {}, a.service || ''), el('td', {}, a.action),
        el('td', {}, a.target || ''), el('td', {}, badge((a.outcome || '').toLowerCase(), 'state')),
        el('td', {}, a.reason || a.detail || ''))),
      { id: 'audit' })));
}

// ---- start -----------------------------------------------------------------------------------------------------

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  $('#login-form').addEventListener('submit', login);
  if (authorization()) start().catch(() => logout());
  else logout();
});
