// openkws web console: one page, plain JavaScript, no external assets.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { csrf: null, info: null, view: null, source: null, retry: null, events: [], charts: [],
  dirty: new Set(), commands: Promise.resolve(), answeredAt: 0 };
const RETRY_MS = 2000;
/** The shortest virtual button press: well above the boards' debounce (30 ms) plus the panel's 10 ms sampling. */
const MIN_PRESS_MS = 150;
const EVENT_ROWS = 500;

function setLink(kind, text) {
  const el = $('link');
  el.dataset.state = kind;
  el.textContent = text;
}

async function getJson(path) {
  const r = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  const body = await r.json();
  return { status: r.status, body };
}

async function postJson(path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (state.csrf) headers['X-CSRF-Token'] = state.csrf;
  const r = await fetch(path, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
  let json;
  try { json = await r.json(); } catch (e) { json = { ok: false, error: 'HTTP ' + r.status }; }
  return { status: r.status, body: json };
}

/**
 * Sends one command; commands go out one after another so a button's up never overtakes its down. With holdMs, the
 * command waits until holdMs after the previous one was answered: a virtual press is a level the panel samples and
 * debounces like a finger on the board, so a click shorter than that would never be seen.
 */
function command(body, holdMs = 0) {
  const p = state.commands.then(async () => {
    const left = holdMs - (performance.now() - state.answeredAt);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    try {
      const r = await postJson('/api/command', body);
      state.answeredAt = performance.now();
      if (r.status === 401) { showLogin(); }
      return r.body;
    } catch (e) {
      return { ok: false, error: 'not sent: the console is unreachable' };
    }
  });
  state.commands = p.catch(() => {});
  return p;
}

// ---- session and log-in ----
async function start() {
  let s;
  try {
    s = await getJson('/api/session');
  } catch (e) {
    scheduleRetry();
    return;
  }
  if (!s.body.authenticated) { showLogin(); return; }
  state.csrf = s.body.csrf;
  $('logout').hidden = !s.body.passwordRequired;
  $('login').hidden = true;
  document.querySelector('main').classList.remove('locked');
  const info = await getJson('/api/info');
  state.info = info.body;
  document.querySelector('.panel').hidden = !state.info.hasPanel;
  buildSettings();
  renderDevice();
  connect();
  if (location.hash === '#history') renderHistory();
}

function showLogin() {
  if (state.source) { state.source.close(); state.source = null; }
  setLink('login', 'log in to continue');
  $('login').hidden = false;
  document.querySelector('main').classList.add('locked');
  $('password').focus();
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').textContent = '';
  try {
    const r = await postJson('/api/login', { password: $('password').value });
    if (r.body.authenticated) {
      $('password').value = '';
      await start();
    } else {
      $('login-error').textContent = r.body.error || 'log-in failed';
    }
  } catch (e) {
    $('login-error').textContent = 'the console is unreachable';
  }
});

$('logout').addEventListener('click', async () => {
  await postJson('/api/logout', {});
  state.csrf = null;
  showLogin();
});

// ---- live stream ----
function connect() {
  if (state.source) state.source.close();
  const source = new EventSource('/api/events');
  state.source = source;
  source.addEventListener('open', () => setLink('live', 'live'));
  source.addEventListener('state', (e) => renderView(JSON.parse(e.data)));
  source.addEventListener('glass', (e) => renderGlass(JSON.parse(e.data)));
  source.addEventListener('history', (e) => { state.events = JSON.parse(e.data); renderEvents(); });
  source.addEventListener('log', (e) => {
    state.events.push(JSON.parse(e.data));
    if (state.events.length > EVENT_ROWS) state.events.shift();
    renderEvents();
  });
  source.addEventListener('dropped', (e) => {
    $('dropped').textContent = e.data + ' events were dropped because the console fell behind';
  });
  source.addEventListener('error', () => {
    source.close();
    if (state.source === source) state.source = null;
    scheduleRetry();
  });
}

function scheduleRetry() {
  setLink('down', 'disconnected, retrying…');
  clearTimeout(state.retry);
  state.retry = setTimeout(start, RETRY_MS);
}

// ---- dashboard ----
function fmt(value, unit, decimals) {
  if (value === null || value === undefined) return '–';
  return value.toFixed(decimals) + (unit ? ' ' + unit : '');
}

function duration(seconds) {
  if (!seconds) return '–';
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = Math.floor(seconds % 60);
  return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s';
}

function renderView(v) {
  state.view = v;
  $('voltage').textContent = fmt(v.voltage, 'V', 1);
  $('current').textContent = fmt(v.current, 'A', 3);
  $('power').textContent = fmt(v.power, 'W', 1);
  $('apparentPower').textContent = fmt(v.apparentPower, 'VA', 1);
  $('reactivePower').textContent = fmt(v.reactivePower, 'var', 1);
  $('powerFactor').textContent = fmt(v.powerFactor, '', 2);
  $('frequency').textContent = fmt(v.frequency, 'Hz', 2);
  $('energyToday').textContent = fmt(v.energyToday, 'kWh', 3);
  $('energyYesterday').textContent = fmt(v.energyYesterday, 'kWh', 3);
  $('energy').textContent = fmt(v.energy, 'kWh', 3);
  $('countdownLeft').textContent = duration(v.countdown);
  $('recoveryLeft').textContent = duration(v.recovery);
  const relay = $('relay');
  const on = v.relay === 'on';
  relay.setAttribute('aria-checked', on ? 'true' : 'false');
  relay.dataset.desired = v.desiredOn ? 'on' : 'off';
  $('relay-state').textContent = on ? 'ON' : (v.desiredOn ? 'waiting' : 'OFF');
  $('protection').textContent = v.protection;
  const problems = [...v.faults.map((f) => 'fault ' + f), ...v.alarms.map((a) => 'alarm ' + a)];
  const list = $('problems');
  list.replaceChildren(...(problems.length ? problems : ['none']).map((t) => li(t)));
  fillSettings(v);
  renderDevice();
}

function li(text) {
  const el = document.createElement('li');
  el.textContent = text;
  return el;
}

$('relay').addEventListener('click', async () => {
  const want = !(state.view && state.view.desiredOn);
  $('relay-error').textContent = '';
  const r = await command({ name: 'relay', value: want ? 'on' : 'off' });
  if (!r.ok) $('relay-error').textContent = 'Relay ' + (want ? 'ON' : 'OFF') + ' refused: ' + r.error;
});

// ---- glass and virtual front panel ----
function renderGlass(g) {
  const lcd = $('lcd');
  lcd.dataset.ram = g.ram;
  lcd.innerHTML = g.svg;
}

for (const key of document.querySelectorAll('.key')) {
  const button = key.dataset.button;
  let down = false;
  const press = async (isDown) => {
    if (down === isDown) return;
    down = isDown;
    key.classList.toggle('pressed', isDown);
    const r = await command({ name: 'button', button, down: isDown }, isDown ? 0 : MIN_PRESS_MS);
    $('panel-error').textContent = r.ok ? '' : button + ': ' + r.error;
  };
  key.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    try { key.setPointerCapture(e.pointerId); } catch (err) { /* capture is a nicety */ }
    press(true);
  });
  key.addEventListener('pointerup', () => press(false));
  key.addEventListener('pointercancel', () => press(false));
  key.addEventListener('lostpointercapture', () => press(false));
  key.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); press(true); }
  });
  key.addEventListener('keyup', (e) => {
    if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); press(false); }
  });
  key.addEventListener('blur', () => press(false));
  key.addEventListener('contextmenu', (e) => e.preventDefault());
}

// ---- settings ----
function buildSettings() {
  const form = $('settings-form');
  form.replaceChildren();
  for (const spec of state.info.settings) {
    const row = document.createElement('div');
    row.className = 'setting';
    const label = document.createElement('label');
    label.htmlFor = 'set-' + spec.name;
    label.textContent = spec.name;
    const input = document.createElement('input');
    input.type = 'number';
    input.id = 'set-' + spec.name;
    input.name = spec.name;
    input.min = spec.min;
    input.max = spec.max;
    input.step = spec.step;
    input.inputMode = 'decimal';
    input.setAttribute('aria-describedby', 'range-' + spec.name + ' err-' + spec.name);
    input.addEventListener('input', () => state.dirty.add(spec.name));
    const range = document.createElement('span');
    range.id = 'range-' + spec.name;
    range.className = 'range';
    range.textContent = (spec.unit ? spec.unit + ', ' : '') + spec.min + '–' + spec.max + ', step ' + spec.step;
    const save = document.createElement('button');
    save.type = 'button';
    save.textContent = 'Save';
    save.setAttribute('aria-label', 'Save ' + spec.name);
    save.addEventListener('click', () => saveSetting(spec.name, input.value));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); saveSetting(spec.name, input.value); }
    });
    const err = document.createElement('p');
    err.id = 'err-' + spec.name;
    err.className = 'error';
    err.setAttribute('role', 'alert');
    row.append(label, input, range, save, err);
    form.append(row);
  }
  if (state.view) fillSettings(state.view);
}

function fillSettings(v) {
  for (const [name, value] of Object.entries(v.settings)) {
    const input = $('set-' + name);
    if (input && !state.dirty.has(name) && document.activeElement !== input) input.value = value;
  }
  const pos = $('set-powerOnState');
  if (!state.dirty.has('powerOnState') && document.activeElement !== pos) pos.value = v.powerOnState;
}

async function saveSetting(name, value) {
  const err = $('err-' + name);
  err.textContent = '';
  err.classList.remove('ok');
  const r = await command({ name, value: value === '' ? '' : Number(value) });
  if (r.ok) {
    state.dirty.delete(name);
    err.textContent = 'saved';
    err.classList.add('ok');
  } else {
    err.textContent = r.error;
  }
}

$('set-powerOnState').addEventListener('change', () => state.dirty.add('powerOnState'));
$('save-powerOnState').addEventListener('click', () => saveSetting('powerOnState', $('set-powerOnState').value));

let pendingReset = null;
for (const b of document.querySelectorAll('[data-reset]')) {
  b.addEventListener('click', () => {
    pendingReset = b.dataset.reset;
    $('confirm-text').textContent = pendingReset === 'resetEnergy'
      ? 'Reset the energy totals (total, today, yesterday, months) to zero?'
      : 'Clear the overload lockout? The relay stays off until you switch it on.';
    $('confirm').showModal();
  });
}
$('confirm').addEventListener('close', async () => {
  const what = pendingReset;
  pendingReset = null;
  if ($('confirm').returnValue !== 'ok' || !what) return;
  const r = await command({ name: what });
  $('reset-result').textContent = r.ok ? what + ': done' : what + ': ' + r.error;
});

// ---- events ----
function renderEvents() {
  const type = $('event-filter').value;
  const rows = state.events.filter((e) => !type || e.type === type).slice(-200).reverse().map((e) => {
    const tr = document.createElement('tr');
    tr.dataset.type = e.type;
    const details = Object.entries(e).filter(([k]) => k !== 't' && k !== 'type')
      .map(([k, val]) => k + '=' + val).join(' ');
    for (const text of [e.t.toFixed(3), e.type, details]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $('event-rows').replaceChildren(...rows);
}
$('event-filter').addEventListener('change', renderEvents);

// ---- history ----
function chartWidth(el) {
  return Math.max(280, el.clientWidth || 320);
}

/** Energy and power axes start at zero so bar heights compare. */
const FROM_ZERO = { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(max, 0.001) * 1.1] } };

function emptyNote(el, text) {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = text;
  el.replaceChildren(p);
}

async function renderHistory() {
  for (const c of state.charts) c.destroy();
  state.charts = [];
  if (typeof uPlot === 'undefined') return;
  const power = await getJson('/api/power');
  const pel = $('chart-power');
  const now = Date.now() / 1000;
  const samples = power.body.samples || [];
  if (samples.length < 2) {
    emptyNote(pel, 'collecting: one sample every ' + power.body.sampleSeconds + ' s');
  } else {
    pel.replaceChildren();
    const xs = samples.map((s) => now - s[0]);
    const ys = samples.map((s) => s[1]);
    state.charts.push(new uPlot({ width: chartWidth(pel), height: 200, scales: FROM_ZERO,
      series: [{}, { label: 'Power (W)', stroke: '#1f4e79', width: 2 }] }, [xs, ys], pel));
  }
  for (const [by, count, id] of [['hour', 48, 'chart-hour'], ['day', 60, 'chart-day'], ['month', 24, 'chart-month']]) {
    const el = $(id);
    const r = await getJson('/api/history?by=' + by + '&count=' + count);
    if (r.status !== 200) { emptyNote(el, r.body.error || 'history unavailable'); continue; }
    if (!r.body.available) { emptyNote(el, 'No history store on this device.'); continue; }
    if (r.body.rows.length === 0) { emptyNote(el, 'No rows yet.'); continue; }
    el.replaceChildren();
    const xs = r.body.rows.map((row) => row.t);
    const ys = r.body.rows.map((row) => row.energy);
    state.charts.push(new uPlot({ width: chartWidth(el), height: 200, scales: FROM_ZERO,
      series: [{}, { label: 'Energy (kWh)', stroke: '#2e7d32', fill: 'rgba(46,125,50,0.3)',
        paths: uPlot.paths.bars({ size: [0.7, 60] }) }] }, [xs, ys], el));
  }
}

// ---- device ----
function renderDevice() {
  const info = state.info;
  if (!info) return;
  const v = state.view;
  const facts = [['Version', info.version], ['Board', info.board], ['Chip', info.chip],
    ['Calibration profile', info.calibrationProfile],
    ['Uptime', v ? duration(v.uptime) : '–'], ['Bad frames', v ? String(v.badFrames) : '–'],
    ['Metering chip', v ? (v.meterRunning ? 'answering' : 'not answering') : '–'],
    ['MQTT', v ? (v.degraded.mqtt ? 'degraded: ' + v.degraded.mqtt : 'no problem reported') : '–'],
    ['Network indicator', v ? v.network : '–']];
  const dl = $('device-facts');
  dl.replaceChildren();
  for (const [k, val] of facts) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = val;
    dl.append(dt, dd);
  }
  if (v) {
    const parts = Object.entries(v.degraded).map(([k, reason]) => k + ': ' + reason);
    $('degraded').replaceChildren(...(parts.length ? parts : ['none']).map((t) => li(t)));
  }
}

// ---- navigation ----
function showPage() {
  const id = (location.hash || '#dashboard').slice(1);
  let found = false;
  for (const page of document.querySelectorAll('[data-page]')) {
    page.hidden = page.id !== id;
    found = found || page.id === id;
  }
  if (!found) $('dashboard').hidden = false;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === '#' + id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (id === 'history' && state.csrf) renderHistory();
}
window.addEventListener('hashchange', showPage);
showPage();
start();
