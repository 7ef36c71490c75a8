// EXPLAIN as a readable plan tree: each table the plan reads is a node saying how it is read
// (full scan, index range, lookup...), with the key, estimated rows and Extra notes. Tables of one
// SELECT are joined as nested loops, so each one nests under the table before it.

import {el} from './dom.js';

const ACCESS = {
  system: ['single row', 'good'],
  const: ['single row by key', 'good'],
  eq_ref: ['unique key lookup per row', 'good'],
  ref: ['key lookup', 'good'],
  fulltext: ['full-text index', 'good'],
  ref_or_null: ['key lookup (and NULL)', 'good'],
  index_merge: ['several indexes merged', 'fair'],
  range: ['index range scan', 'fair'],
  index: ['full index scan', 'poor'],
  ALL: ['full table scan', 'poor'],
};

/** Renders the rows of an EXPLAIN answer as a tree. */
export function renderPlan(container, result, sql) {
  const names = result.columns.map(c => c.name.toLowerCase());
  const rows = result.rows.map(r => Object.fromEntries(r.map((v, i) => [names[i], v])));
  const root = el('ul', {class: 'plan'});
  const top = el('li', {}, el('div', {class: 'plan-node plan-root'}, el('b', {}, 'Query'), el('code', {}, sql)));
  root.append(top);
  let parentList = el('ul');
  top.append(parentList);
  let currentSelect = null;
  for (const row of rows) {
    const select = `${row.id ?? ''}/${row.select_type ?? ''}`;
    if (currentSelect !== null && select !== currentSelect) {
      // a new SELECT (subquery, derived table, union part) starts again under the query
      parentList = top.lastChild;
    }
    currentSelect = select;
    const item = el('li', {}, node(row));
    const children = el('ul');
    item.append(children);
    parentList.append(item);
    parentList = children;
  }
  container.replaceChildren(el('div', {class: 'plan-head'}, `Plan (${rows.length} step${rows.length === 1 ? '' : 's'}, ${result.timeMs} ms)`), root);
}

function node(row) {
  const [how, grade] = ACCESS[row.type] || [row.type ? `access ${row.type}` : 'no table read', 'fair'];
  const parts = [
    el('span', {class: `plan-access ${grade}`}, how),
    ' ',
    el('b', {class: 'plan-table'}, row.table ?? '(no table)'),
  ];
  if (row.select_type && row.select_type !== 'SIMPLE') parts.push(el('span', {class: 'badge'}, row.select_type));
  if (row.key) parts.push(el('span', {class: 'badge'}, `key ${row.key}` + (row.key_len ? ` (${row.key_len} bytes)` : '')));
  if (row.ref) parts.push(el('span', {class: 'badge'}, `ref ${row.ref}`));
  if (row.rows !== null && row.rows !== undefined) parts.push(el('span', {class: 'badge'}, `~${row.rows} rows`));
  if (row.partitions) parts.push(el('span', {class: 'badge'}, `partitions ${row.partitions}`));
  if (row.extra) {
    for (const note of String(row.extra).split(/;\s*/)) parts.push(el('span', {class: 'badge note'}, note));
  }
  return el('div', {class: 'plan-node'}, ...parts);
}
