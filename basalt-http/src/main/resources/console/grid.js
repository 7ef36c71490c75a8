// The results grid: one /v1/sql answer as a table with paging, sorting by a column, NULL shown
// apart from the text 'NULL', copy to the clipboard and export as CSV or JSON. Binary values (the
// API sends them as base64) are shown, copied and written to CSV as 0x hex, as the mysql client's
// --binary-as-hex (its default on a terminal) shows them; the JSON export keeps the API's base64.

import {download, el} from './dom.js';

const PAGE_SIZE = 100;
const NUMERIC = /^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT|DECIMAL|NUMERIC|FLOAT|DOUBLE|REAL|YEAR|BIT)/i;
// byte strings and geometries (WKB): base64 in the API's answer
const BINARY = /^(BINARY|VARBINARY|TINYBLOB|BLOB|MEDIUMBLOB|LONGBLOB|GEOMETRY|POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)$/i;

/** A base64 value as 0x followed by its bytes in upper-case hex (0x for no bytes). */
export function hex(base64) {
  let out = '0x';
  for (const ch of atob(base64)) out += ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
  return out;
}

/** Whether each column holds bytes. */
function binaryColumns(result) {
  return result.columns.map(c => BINARY.test(c.type || ''));
}

/** Shows a statement's answer: rows in a grid, or what a write did. */
export function renderResult(container, result, label) {
  container.replaceChildren();
  if (!result.columns || result.columns.length === 0) {
    let text = `Query OK, ${result.affectedRows} row${result.affectedRows === 1 ? '' : 's'} affected`;
    if (result.lastInsertId) text += `, last insert id ${result.lastInsertId}`;
    container.append(el('div', {class: 'ok-text'}, `${text} (${result.timeMs} ms)`));
    if (result.info) container.append(el('div', {class: 'muted'}, result.info));
  } else {
    new Grid(container, result, label);
  }
  renderWarnings(container, result.warnings);
}

/** Shows an error as MySQL's client does: ERROR code (SQLSTATE): message. */
export function renderError(container, error) {
  container.replaceChildren(el('div', {class: 'error'},
    el('span', {class: 'error-code'}, `ERROR ${error.code}`),
    el('span', {class: 'error-state'}, ` (${error.sqlstate}): `),
    el('span', {class: 'error-message'}, error.message)));
}

function renderWarnings(container, warnings) {
  if (!warnings || warnings.length === 0) return;
  const list = el('ul', {class: 'warnings'});
  for (const w of warnings) list.append(el('li', {}, `${w.level} ${w.code}: ${w.message}`));
  container.append(list);
}

class Grid {
  constructor(container, result, label) {
    this.result = result;
    this.label = label || 'result';
    this.order = result.rows.map((_, i) => i); // row indexes in display order
    this.sortColumn = -1;
    this.sortDescending = false;
    this.page = 0;
    this.numeric = result.columns.map(c => NUMERIC.test(c.type || ''));
    this.binary = binaryColumns(result);
    this.status = el('span', {class: 'grid-count'});
    this.pager = el('span', {class: 'pager'});
    const bar = el('div', {class: 'grid-bar'}, this.status,
      button('Copy', 'grid-copy', () => this.copy()),
      button('Export CSV', 'grid-csv', () => download(`${this.label}.csv`, 'text/csv', toCsv(result))),
      button('Export JSON', 'grid-json', () => download(`${this.label}.json`, 'application/json', toJson(result))),
      this.pager);
    this.table = el('table', {class: 'grid'});
    container.append(bar, el('div', {class: 'grid-scroll'}, this.table));
    this.draw();
  }

  draw() {
    const {columns, rows} = this.result;
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    const from = this.page * PAGE_SIZE;
    const to = Math.min(rows.length, from + PAGE_SIZE);
    const head = el('tr');
    columns.forEach((c, i) => {
      const arrow = i === this.sortColumn ? (this.sortDescending ? ' \u25BC' : ' \u25B2') : '';
      const th = el('th', {title: c.type, class: this.numeric[i] ? 'num' : ''}, c.name + arrow);
      th.addEventListener('click', () => this.sortBy(i));
      head.append(th);
    });
    const body = el('tbody');
    for (let r = from; r < to; r++) {
      const row = rows[this.order[r]];
      const tr = el('tr');
      row.forEach((v, i) => tr.append(cell(v, this.numeric[i], this.binary[i])));
      body.append(tr);
    }
    this.table.replaceChildren(el('thead', {}, head), body);
    this.status.textContent = this.result.truncated
      ? `first ${rows.length} rows shown: the rest were not fetched (add a LIMIT)`
      : `${rows.length} row${rows.length === 1 ? '' : 's'} in set (${this.result.timeMs} ms)`;
    this.pager.replaceChildren();
    if (pages > 1) {
      const prev = button('\u25C0 Prev', 'page-prev', () => { this.page--; this.draw(); });
      const next = button('Next \u25B6', 'page-next', () => { this.page++; this.draw(); });
      prev.disabled = this.page === 0;
      next.disabled = this.page === pages - 1;
      this.pager.append(prev, el('span', {class: 'page-info'}, ` rows ${from + 1}\u2013${to} of ${rows.length} `), next);
    }
  }

  /** Ascending, then descending, then the server's order again. */
  sortBy(i) {
    if (this.sortColumn !== i) {
      this.sortColumn = i;
      this.sortDescending = false;
    } else if (!this.sortDescending) {
      this.sortDescending = true;
    } else {
      this.sortColumn = -1;
    }
    const rows = this.result.rows;
    this.order = rows.map((_, k) => k);
    if (this.sortColumn >= 0) {
      const sign = this.sortDescending ? -1 : 1;
      const numeric = this.numeric[i], binary = this.binary[i];
      this.order.sort((a, b) => sign * compare(rows[a][i], rows[b][i], numeric, binary) || a - b);
    }
    this.page = 0;
    this.draw();
  }

  async copy() {
    const text = toTsv(this.result);
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // no clipboard permission: copy through a hidden text field
      const area = el('textarea', {}, text);
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    this.status.textContent = 'Copied to the clipboard';
  }
}

function button(text, cls, onClick) {
  const b = el('button', {class: cls}, text);
  b.addEventListener('click', onClick);
  return b;
}

function cell(value, numeric, binary) {
  if (value === null) return el('td', {class: 'null'}, 'NULL');
  const shown = text(value, binary);
  return el('td', {class: numeric ? 'num' : binary ? 'bin' : '', title: shown.length > 80 ? shown : ''}, shown);
}

/** SQL order: NULL first, numbers by value (DECIMAL and big integers arrive as strings), bytes by byte. */
function compare(a, b, numeric, binary) {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (numeric) return Number(a) - Number(b);
  const x = text(a, binary), y = text(b, binary);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A non-NULL value as shown: JSON documents as JSON, bytes as 0x hex. */
function text(value, binary) {
  if (binary) return hex(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** RFC 4180 CSV; NULL is an empty field, an empty string is "". */
export function toCsv(result) {
  const binary = binaryColumns(result);
  const field = (v, i) => {
    if (v === null) return '';
    const s = text(v, binary[i]);
    return s === '' || /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const lines = [result.columns.map(c => field(c.name, -1)).join(',')];
  for (const row of result.rows) lines.push(row.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** An array of objects keyed by column name, values as the API gave them. */
export function toJson(result) {
  const names = result.columns.map(c => c.name);
  return JSON.stringify(result.rows.map(row => Object.fromEntries(row.map((v, i) => [names[i], v]))), null, 2);
}

/** Tab-separated, as a spreadsheet pastes it; NULL as \N, the way mysql -B writes it. */
function toTsv(result) {
  const binary = binaryColumns(result);
  const field = (v, i) => v === null ? '\\N' : text(v, binary[i]).replace(/[\t\n]/g, ' ');
  return [result.columns.map(c => c.name).join('\t'), ...result.rows.map(r => r.map(field).join('\t'))].join('\n');
}
