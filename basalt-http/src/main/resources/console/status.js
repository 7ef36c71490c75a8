// The status page: polls GET /v1/status every second while shown and charts connections,
// statements per second (all protocols: MySQL's Questions), statement latency (all protocols;
// HTTP only from a server without the engine's statement observer) and a cache's hit rate: the
// remote result cache's when one is configured, else the text plan cache's (statements whose
// shape was parsed before), from the differences between two polls.

import {status} from './api.js';
import {LineChart} from './chart.js';
import {el} from './dom.js';

export class StatusPage {
  constructor() {
    this.charts = {
      connections: new LineChart(document.getElementById('chart-connections'), {color: '#43a047'}),
      qps: new LineChart(document.getElementById('chart-qps'), {color: '#1e88e5', unit: '/s'}),
      latency: new LineChart(document.getElementById('chart-latency'), {color: '#fb8c00', unit: ' ms'}),
      cache: new LineChart(document.getElementById('chart-cache'), {color: '#8e24aa', unit: '%'}),
    };
    this.previous = null;
    this.timer = null;
  }

  start() {
    if (this.timer) return;
    this.poll();
    this.timer = setInterval(() => this.poll(), 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async poll() {
    let now;
    try {
      now = await status();
    } catch (e) {
      document.getElementById('status-figures').replaceChildren(el('div', {class: 'error'}, `ERROR ${e.code}: ${e.message}`));
      return;
    }
    const before = this.previous;
    this.previous = now;
    this.charts.connections.push(now.connections ?? null);
    if (before) {
      const seconds = Math.max(0.001, (now.timeMillis - before.timeMillis) / 1000);
      this.charts.qps.push((now.questions - before.questions) / seconds);
      const times = s => s.allStatements ?? s.httpStatements;
      const n = times(now).count - times(before).count;
      this.charts.latency.push(n > 0 ? (times(now).totalMillis - times(before).totalMillis) / n : 0);
      const remote = now.remoteCache?.enabled;
      const cache = s => (remote ? s.remoteCache : s.planCache) ?? {hits: 0, misses: 0};
      document.getElementById('chart-cache-caption').textContent = remote ? 'Remote cache hit rate (%)' : 'Plan cache hit rate (%)';
      const lookups = (cache(now).hits + cache(now).misses) - (cache(before).hits + cache(before).misses);
      this.charts.cache.push(lookups > 0 ? 100 * (cache(now).hits - cache(before).hits) / lookups : null);
    }
    this.figures(now);
  }

  figures(s) {
    const figure = (label, value) => el('div', {class: 'figure'}, el('div', {class: 'value'}, String(value)), el('div', {class: 'label'}, label));
    document.getElementById('status-figures').replaceChildren(
      figure('uptime', duration(s.uptimeSeconds ?? 0)),
      figure('connections', s.connections ?? '?'),
      figure('HTTP sessions', s.httpSessions),
      figure('questions', s.questions ?? '?'),
      figure('HTTP statements', s.httpStatements.count),
      figure('remote cache', s.remoteCache?.enabled ? `${s.remoteCache.hits} hits / ${s.remoteCache.misses} misses` : 'off'));
    const rows = Object.entries(s.statements || {}).sort((a, b) => b[1] - a[1]);
    document.getElementById('status-types').replaceChildren(
      el('thead', {}, el('tr', {}, el('th', {}, 'statement'), el('th', {class: 'num'}, 'count'))),
      el('tbody', {}, ...rows.map(([type, n]) => el('tr', {}, el('td', {}, type), el('td', {class: 'num'}, n)))));
  }
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
}
