// NetServ node dashboard: renders the controller's /dashboard/events pictures.
// No libraries: the graph layout (layers by longest path, order by barycenter) and the
// chart are drawn here as SVG. Everything from the node is put in the page as text nodes,
// never as HTML (module names, filters and reasons come from tenants).
'use strict';
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);
function el(tag, attrs, text) {
  const e = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const k in (attrs || {})) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

// ---------------------------------------------------------------- Click graph
let graphKey = '';
let edgeLabels = [];   // {from, to, text element, path element}
let nodeLabels = {};   // name -> text element for queue lengths

function layout(graph) {
  const names = graph.elements.map((e) => e.name);
  const out = {}, inn = {};
  names.forEach((n) => { out[n] = []; inn[n] = []; });
  graph.connections.forEach((c) => { out[c.from].push(c.to); inn[c.to].push(c.from); });
  // layer = longest path from a source, ignoring back edges (cycles: ICMP errors go back to rt)
  const layer = {}, state = {};
  const order = [];
  function dfs(n) {
    state[n] = 1;
    out[n].forEach((m) => { if (!state[m]) dfs(m); });
    state[n] = 2; order.push(n);
  }
  names.filter((n) => inn[n].length === 0).forEach((n) => { if (!state[n]) dfs(n); });
  names.forEach((n) => { if (!state[n]) dfs(n); });
  order.reverse();
  const pos = {}; order.forEach((n, i) => { pos[n] = i; });
  order.forEach((n) => { layer[n] = layer[n] || 0; });
  order.forEach((n) => out[n].forEach((m) => {
    if (pos[m] > pos[n]) layer[m] = Math.max(layer[m] || 0, layer[n] + 1);
  }));
  const cols = [];
  order.forEach((n) => { (cols[layer[n]] = cols[layer[n]] || []).push(n); });
  // two barycenter sweeps so edges cross less
  const row = {};
  cols.forEach((c) => c.forEach((n, i) => { row[n] = i; }));
  for (let sweep = 0; sweep < 2; sweep++) {
    cols.forEach((c, ci) => {
      if (ci === 0) return;
      const bc = (n) => { const p = inn[n].filter((m) => layer[m] < ci); return p.length ? p.reduce((a, m) => a + row[m], 0) / p.length : row[n]; };
      c.sort((a, b) => bc(a) - bc(b));
      c.forEach((n, i) => { row[n] = i; });
    });
  }
  return { cols, layer, row };
}

function drawGraph(graph) {
  const svg = $('graph');
  clear(svg); edgeLabels = []; nodeLabels = {};
  const W = 150, H = 34, GX = 70, GY = 16;
  const { cols } = layout(graph);
  const xy = {};
  cols.forEach((c, ci) => c.forEach((n, ri) => { xy[n] = { x: 10 + ci * (W + GX), y: 10 + ri * (H + GY) }; }));
  const maxRows = Math.max(1, ...cols.map((c) => c.length));
  svg.setAttribute('width', 20 + cols.length * (W + GX));
  svg.setAttribute('height', 20 + maxRows * (H + GY));
  const edges = el('svg:g'), nodes = el('svg:g');
  svg.appendChild(edges); svg.appendChild(nodes);
  graph.connections.forEach((c) => {
    const a = xy[c.from], b = xy[c.to];
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
    const back = x2 <= x1;
    const d = back ? `M${x1},${y1} C${x1 + 60},${y1 - 60} ${x2 - 60},${y2 - 60} ${x2},${y2}`
      : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
    const p = el('svg:path', { d, class: 'edge', 'data-from': c.from, 'data-to': c.to });
    p.appendChild(el('svg:title', {}, `${c.from}[${c.fromPort}] -> [${c.toPort}]${c.to}`));
    edges.appendChild(p);
    const t = el('svg:text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3 + (back ? -45 : 0), class: 'elabel', 'text-anchor': 'middle' }, '');
    edges.appendChild(t);
    edgeLabels.push({ from: c.from, to: c.to, text: t, path: p, last: null });
  });
  graph.elements.forEach((e) => {
    const p = xy[e.name];
    const kind = /UserDevice/.test(e.class) ? ' slot' : /Device|Source/.test(e.class) ? ' io' : '';
    const g = el('svg:g', { class: 'node' + kind, transform: `translate(${p.x},${p.y})`, 'data-name': e.name, 'data-class': e.class });
    g.appendChild(el('svg:rect', { width: W, height: H }));
    g.appendChild(el('svg:text', { x: 6, y: 14 }, e.name.length > 24 ? e.name.slice(0, 23) + '…' : e.name));
    const cls = el('svg:text', { x: 6, y: 28, class: 'cls' }, e.class);
    g.appendChild(cls);
    g.appendChild(el('svg:title', {}, `${e.name} :: ${e.class}(${e.config})`));
    nodes.appendChild(g);
    nodeLabels[e.name] = { cls, klass: e.class };
  });
}

function updateCounts(counters) {
  edgeLabels.forEach((l) => {
    const src = counters[l.from], dst = counters[l.to];
    let v = null;
    if (src && src.count !== undefined) v = src.count;
    else if (dst && dst.count !== undefined) v = dst.count;
    l.text.textContent = v === null ? '' : v;
    l.path.setAttribute('class', 'edge' + (v !== null && l.last !== null && v !== l.last ? ' live' : ''));
    l.last = v;
  });
  for (const n in nodeLabels) {
    const c = counters[n], L = nodeLabels[n];
    let s = L.klass;
    if (c && c.length !== undefined) s += ` len ${c.length}`;
    if (c && c.drops !== undefined && c.drops !== '0') s += ` drops ${c.drops}`;
    L.cls.textContent = s;
  }
}

// ---------------------------------------------------------------- modules, containers, NCMs
const OWN = new Set(['module', 'version', 'slot', 'user', 'state', 'ttl', 'packets', 'digest', 'filter']);
let ttlCells = [];   // {cell, ttl, at}

function drawModules(mods, at) {
  const box = $('modules');
  clear(box); ttlCells = [];
  if (!mods.length) { box.appendChild(el('p', { class: 'none' }, 'no modules installed')); return; }
  const byUser = {};
  mods.forEach((m) => { (byUser[m.user] = byUser[m.user] || []).push(m); });
  Object.keys(byUser).sort().forEach((u) => {
    box.appendChild(el('h3', {}, `publisher ${u} (slot ${byUser[u][0].slot})`));
    const t = el('table', { class: 'modules' });
    const h = el('tr'); ['module', 'state', 'TTL', 'filter', 'counters'].forEach((x) => h.appendChild(el('th', {}, x)));
    t.appendChild(h);
    byUser[u].forEach((m) => {
      const r = el('tr', { 'data-module': m.module });
      r.appendChild(el('td', {}, m.module));
      r.appendChild(el('td', { class: 'state-' + m.state }, m.state));
      const ttl = el('td', { class: 'ttl' }, fmtTtl(m.ttl));
      ttlCells.push({ cell: ttl, ttl: Number(m.ttl), at });
      r.appendChild(ttl);
      const f = el('td'); f.appendChild(el('code', {}, m.filter || '—')); r.appendChild(f);
      const extra = Object.keys(m).filter((k) => !OWN.has(k)).map((k) => `${k}=${m[k]}`);
      r.appendChild(el('td', {}, [`packets=${m.packets}`].concat(extra).join(' ')));
      t.appendChild(r);
    });
    box.appendChild(t);
  });
}
function fmtTtl(s) {
  s = Math.max(0, Math.floor(s));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), x = s % 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + x + 's';
}
setInterval(() => {   // the countdown runs between pictures
  const now = Date.now();
  ttlCells.forEach((c) => { c.cell.textContent = fmtTtl(c.ttl - (now - c.at) / 1000); });
}, 250);

function fmtBytes(b) {
  return b >= 1 << 30 ? (b / (1 << 30)).toFixed(2) + ' GiB' : (b / (1 << 20)).toFixed(1) + ' MiB';
}

// One row per slot: who, state, the cgroup's CPU/memory/pids (p.resources), the JVM heap and the
// container's packet loop. The other status fields are in the row's tooltip.
const CONTAINER_COLUMNS = [
  ['user', (c) => c.user], ['state', (c) => c.state], ['pid', (c) => c.pid], ['restarts', (c) => c.restarts],
  ['cpu', (c, r) => r && r['cpu-seconds'] !== undefined ? r['cpu-seconds'].toFixed(2) + ' s' : ''],
  ['memory', (c, r) => r && r['memory-bytes'] !== undefined ? fmtBytes(r['memory-bytes']) : ''],
  ['pids', (c, r) => r && r.pids !== undefined ? r.pids : ''],
  ['heap', (c) => c['heap-used'] !== undefined ? fmtBytes(+c['heap-used']) + ' / ' + fmtBytes(+c['heap-max']) : ''],
  ['packets in', (c) => c['packets-in']], ['forwarded', (c) => c['packets-forwarded']],
  ['dropped', (c) => c['packets-dropped']],
];

function drawContainers(status, res) {
  const box = $('containers');
  clear(box);
  const keys = Object.keys(status);
  if (!keys.length) { box.appendChild(el('p', { class: 'none' }, 'no containers')); return; }
  const t = el('table');
  const h = el('tr'); h.appendChild(el('th', {}, 'slot'));
  CONTAINER_COLUMNS.forEach(([name]) => h.appendChild(el('th', {}, name)));
  t.appendChild(h);
  keys.forEach((k) => {
    const c = status[k], r = (res || {})[k];
    const tip = Object.keys(c).filter((f) => typeof c[f] !== 'object').map((f) => f + '=' + c[f]);
    if (r && r['cgroup-unreadable']) tip.unshift('cgroup: ' + r['cgroup-unreadable']);
    const row = el('tr', { 'data-slot': k, title: tip.join('\n') }); row.appendChild(el('td', {}, k));
    CONTAINER_COLUMNS.forEach(([name, f]) => {
      const v = f(c, r);
      row.appendChild(el('td', { 'data-field': name }, v === undefined || v === null ? '' : String(v)));
    });
    t.appendChild(row);
  });
  box.appendChild(t);
}

function drawNcms(ncms) {
  const tb = $('ncms').tBodies[0];
  clear(tb);
  ncms.forEach((n) => {
    const r = el('tr');
    r.appendChild(el('td', {}, new Date(n.time).toLocaleTimeString()));
    r.appendChild(el('td', {}, n.method));
    r.appendChild(el('td', {}, n.module));
    r.appendChild(el('td', {}, n.user));
    r.appendChild(el('td', { class: 'code-' + String(n.code)[0] }, `${n.code} ${n.reason}`));
    tb.appendChild(r);
  });
}

// ---------------------------------------------------------------- live chart (NetMonitor style)
const HISTORY = 120, COLORS = ['#e63946', '#2a9d8f', '#457b9d', '#f4a261', '#6a4c93', '#8ac926', '#1d3557'];
const series = {};  // name -> {last, lastAt, points: [rate]}
function sample(name, value, at) {
  const v = Number(value);
  if (!isFinite(v)) return;
  const s = series[name] = series[name] || { last: null, lastAt: 0, points: [] };
  if (s.last !== null && at > s.lastAt) s.points.push(Math.max(0, (v - s.last) * 1000 / (at - s.lastAt)));
  if (s.points.length > HISTORY) s.points.shift();
  s.last = v; s.lastAt = at;
}
function drawChart() {
  const svg = $('chart'), legend = $('legend');
  clear(svg); clear(legend);
  const W = 600, H = 220, L = 44, B = 18;
  const names = Object.keys(series).filter((n) => series[n].points.length);
  const max = Math.max(1, ...names.map((n) => Math.max(...series[n].points)));
  svg.appendChild(el('svg:line', { x1: L, y1: H - B, x2: W, y2: H - B, class: 'axis' }));
  svg.appendChild(el('svg:line', { x1: L, y1: 4, x2: L, y2: H - B, class: 'axis' }));
  svg.appendChild(el('svg:text', { x: 2, y: 12 }, max.toFixed(max < 10 ? 1 : 0)));
  svg.appendChild(el('svg:text', { x: 2, y: H - B }, '0'));
  svg.appendChild(el('svg:text', { x: W - 40, y: H - 4 }, 'now'));
  names.forEach((n, i) => {
    const pts = series[n].points, c = COLORS[i % COLORS.length];
    const d = pts.map((v, j) => `${L + (W - L) * (HISTORY - pts.length + j) / HISTORY},${(H - B) - (H - B - 6) * v / max}`).join(' ');
    svg.appendChild(el('svg:polyline', { points: d, fill: 'none', stroke: c, 'stroke-width': 1.5, 'data-series': n }));
    const s = el('span'); s.appendChild(el('i', { style: 'background:' + c }));
    s.appendChild(document.createTextNode(`${n} ${pts[pts.length - 1].toFixed(1)}/s`));
    legend.appendChild(s);
  });
}

// ---------------------------------------------------------------- events
function render(p) {
  window.netservLast = p;   // for tests and the curious: the last picture
  const st = p.status;
  $('node-id').textContent = st['node-id'];
  document.title = 'NetServ ' + st['node-id'];
  $('updated').textContent = 'updated ' + new Date(p.time).toLocaleTimeString();
  const key = JSON.stringify(p.graph);
  if (key !== graphKey) { graphKey = key; drawGraph(p.graph); }
  $('graph-info').textContent = `${p.graph.elements.length} elements, ${p.graph.connections.length} connections — ${st['forwarding-plane'] && st['forwarding-plane'].endpoint || ''}`;
  $('graph-error').textContent = p['graph-error'] || '';
  updateCounts(p.counters);
  drawModules(st.modules, Date.now());
  drawContainers(st.containers, p.resources);
  drawNcms(p.ncms);
  st.modules.forEach((m) => sample(m.module, m.packets, p.time));
  for (const n in p.counters) if (p.counters[n].count !== undefined && /Counter/.test(nodeLabels[n] ? nodeLabels[n].klass : '')) sample(n, p.counters[n].count, p.time);
  drawChart();
}

function connect() {
  const es = new EventSource('events');
  es.addEventListener('open', () => { $('conn').textContent = 'live'; $('conn').className = 'conn up'; });
  es.addEventListener('snapshot', (ev) => render(JSON.parse(ev.data)));
  es.addEventListener('error', () => { $('conn').textContent = 'reconnecting'; $('conn').className = 'conn down'; });
}
connect();
