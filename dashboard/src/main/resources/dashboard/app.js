// The dashboard page: keeps the latest value of every count key, the newest calls and the health,
// all fed by the server-sent events of /events (a full snapshot first, then the changes).
'use strict';

const TOP_TYPES_CHARTED = 10;
const TOP_TYPES_SERIES = 5;
const SERIES_WINDOWS = 48;
const CALLS_SHOWN = 25;
const RANKED_ROWS = 10;
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea', '#ea580c',
  '#475569', '#0d9488', '#1e3a8a', '#991b1b', '#166534', '#92400e', '#5b21b6', '#155e75', '#9d174d', '#3f6212'];

const counts = new Map();   // "window_start|crime_type|disposition" -> row
let calls = [];             // oldest first
let renderPending = false;
let rankingChart = null;
let seriesChart = null;

function key(row) {
  return row.window_start + '|' + row.crime_type + '|' + row.disposition;
}

function $(id) {
  return document.getElementById(id);
}

function text(value) {
  return value === null || value === undefined || value === '' ? '–' : String(value);
}

function cell(row, value, className) {
  const td = document.createElement('td');
  td.textContent = value;
  if (className) td.className = className;
  row.appendChild(td);
}

/** Crime types of one window, largest total first (ties by name), each with its dispositions. */
function ranking(windowStart) {
  const types = new Map();
  for (const row of counts.values()) {
    if (row.window_start !== windowStart) continue;
    const type = types.get(row.crime_type) || { type: row.crime_type, total: 0, dispositions: [] };
    type.total += row.count;
    type.dispositions.push({ label: row.description || row.disposition, count: row.count });
    types.set(row.crime_type, type);
  }
  const ranked = [...types.values()];
  ranked.sort((a, b) => b.total - a.total || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  ranked.forEach(t => t.dispositions.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)));
  return ranked;
}

function newestWindow() {
  let newest = null;
  for (const row of counts.values()) {
    if (newest === null || row.window_start > newest) newest = row.window_start;
  }
  return newest;
}

function hourLabel(windowStart) {
  return windowStart.substring(0, 16).replace('T', ' ');
}

function renderRanking() {
  const window = newestWindow();
  $('latest-window').textContent = window === null ? '–' : hourLabel(window) + ' (San Francisco local time)';
  const ranked = window === null ? [] : ranking(window);
  const body = $('ranking').tBodies[0];
  body.replaceChildren();
  ranked.slice(0, RANKED_ROWS).forEach((t, i) => {
    const tr = document.createElement('tr');
    cell(tr, String(i + 1), 'num');
    cell(tr, t.type);
    cell(tr, String(t.total), 'num');
    cell(tr, t.dispositions.map(d => d.label + ' ' + d.count).join(', '), 'disp');
    body.appendChild(tr);
  });
  if (typeof Chart === 'undefined') return;
  const top = ranked.slice(0, TOP_TYPES_CHARTED);
  const labels = [...new Set(top.flatMap(t => t.dispositions.map(d => d.label)))].sort();
  const datasets = labels.map((label, i) => ({
    label,
    data: top.map(t => (t.dispositions.find(d => d.label === label) || { count: 0 }).count),
    backgroundColor: PALETTE[i % PALETTE.length],
  }));
  if (rankingChart === null) {
    rankingChart = new Chart($('ranking-chart'), {
      type: 'bar',
      data: { labels: top.map(t => t.type), datasets },
      options: {
        indexAxis: 'y', animation: false, maintainAspectRatio: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 10 } } } },
      },
    });
  } else {
    rankingChart.data.labels = top.map(t => t.type);
    rankingChart.data.datasets = datasets;
    rankingChart.update();
  }
}

function renderSeries() {
  if (typeof Chart === 'undefined') return;
  const totals = new Map();
  const perWindow = new Map();   // crime type -> window -> calls
  const windows = new Set();
  for (const row of counts.values()) windows.add(row.window_start);
  const sortedWindows = [...windows].sort().slice(-SERIES_WINDOWS);
  const shownWindows = new Set(sortedWindows);
  for (const row of counts.values()) {
    if (!shownWindows.has(row.window_start)) continue;
    totals.set(row.crime_type, (totals.get(row.crime_type) || 0) + row.count);
    const byWindow = perWindow.get(row.crime_type) || new Map();
    byWindow.set(row.window_start, (byWindow.get(row.window_start) || 0) + row.count);
    perWindow.set(row.crime_type, byWindow);
  }
  const topTypes = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_TYPES_SERIES).map(e => e[0]);
  const datasets = topTypes.map((type, i) => ({
    label: type,
    data: sortedWindows.map(w => perWindow.get(type).get(w) || 0),
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
    pointRadius: 0, borderWidth: 2, tension: 0.2,
  }));
  const labels = sortedWindows.map(hourLabel);
  if (seriesChart === null) {
    seriesChart = new Chart($('series-chart'), {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 12, maxRotation: 0 } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } },
      },
    });
  } else {
    seriesChart.data.labels = labels;
    seriesChart.data.datasets = datasets;
    seriesChart.update();
  }
}

function renderCalls(fresh) {
  const body = $('calls').tBodies[0];
  body.replaceChildren();
  const freshCalls = new Set(calls.slice(calls.length - fresh));
  // newest event time first; calls of one poll arrive partition by partition, not in time order
  const shown = calls.slice(-CALLS_SHOWN).reverse();
  shown.sort((a, b) => (a.call_date_time < b.call_date_time ? 1 : a.call_date_time > b.call_date_time ? -1 : 0));
  shown.forEach(call => {
    const tr = document.createElement('tr');
    if (freshCalls.has(call)) tr.className = 'new';
    cell(tr, text(call.call_date_time).replace('T', ' ').substring(0, 16));
    cell(tr, text(call.crime_id));
    cell(tr, text(call.original_crime_type_name));
    cell(tr, text(call.disposition));
    cell(tr, text(call.disposition_description));
    cell(tr, text(call.address));
    body.appendChild(tr);
  });
}

function seconds(value) {
  if (value === null || value === undefined) return '–';
  return value < 120 ? value + ' s ago' : Math.round(value / 60) + ' min ago';
}

/** The counts query's progress is the one the health shows; the enriched feed's lag is added to the lag. */
function renderHealth(health) {
  const names = Object.keys(health.queries);
  const counting = names.find(n => n === 'counts-kafka') || names.find(n => n.startsWith('counts')) || names[0];
  const batch = counting ? health.queries[counting] : null;
  $('input-rate').textContent = batch && batch.inputRowsPerSecond !== null ? Math.round(batch.inputRowsPerSecond) + ' rows/s' : '–';
  $('batch-duration').textContent = batch ? batch.durationMs.triggerExecution + ' ms' : '–';
  $('watermark').textContent = batch ? text(batch.watermark).replace('T', ' ').substring(0, 16) : '–';
  $('late-rows').textContent = batch ? String(batch.droppedLate) : '–';
  $('rejected').textContent = batch ? String(batch.rejected) : '–';
  // the counts' lag; every query's in the tooltip
  const lag = counting === undefined ? undefined : health.lag[counting];
  $('lag').textContent = lag === undefined ? '–' : lag + ' msgs' + (health.lagAsOfLastBatch ? ' (at last batch)' : '');
  $('lag').title = Object.entries(health.lag).map(([q, l]) => q + ': ' + l).join(', ');
  $('count-age').textContent = seconds(health.newestCountAgeSeconds);
  $('batch-age').textContent = batch ? seconds(batch.receivedSecondsAgo) : 'none yet';
  $('stale').hidden = !health.stale;
  $('health-card').classList.toggle('is-stale', health.stale);
  const problems = $('problems');
  problems.hidden = health.problems.length === 0;
  problems.textContent = health.problems.join(' · ');
}

function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  setTimeout(() => {
    renderPending = false;
    renderRanking();
    renderSeries();
  }, 100);
}

function connect() {
  const events = new EventSource('/events');
  events.onopen = () => {
    $('connection').textContent = 'live';
    $('connection').className = 'badge live';
  };
  events.onerror = () => {
    // EventSource reconnects by itself; the snapshot it then receives makes the page exact again
    $('connection').textContent = 'reconnecting…';
    $('connection').className = 'badge down';
  };
  events.addEventListener('counts', e => {
    for (const row of JSON.parse(e.data)) counts.set(key(row), row);
    scheduleRender();
  });
  events.addEventListener('calls', e => {
    const fresh = JSON.parse(e.data);
    calls = calls.concat(fresh).slice(-100);
    renderCalls(Math.min(fresh.length, CALLS_SHOWN));
  });
  events.addEventListener('health', e => renderHealth(JSON.parse(e.data)));
}

connect();
