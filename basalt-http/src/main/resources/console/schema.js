// The schema tree (databases -> tables and views -> columns and indexes), read from
// information_schema through /v1/sql, and the names the editor completes.

import {query} from './api.js';
import {el} from './dom.js';

const SYSTEM = ['information_schema', 'mysql', 'performance_schema', 'sys'];

/** Quotes a name with backticks when it is not a plain identifier. */
export function quoteName(name) {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

export class SchemaTree {
  /**
   * @param root     the <ul> to fill
   * @param actions  {insert(text), preview(sql)}
   */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
  }

  async load() {
    const answer = await query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME');
    const names = answer.rows.map(r => r[0]);
    this.root.replaceChildren(...names.map(db => this.branch('db', db, quoteName(db), () => this.tables(db))));
    return names;
  }

  /**
   * Shows only the databases, tables and views whose name contains text (any case), and the
   * databases holding such tables; only loaded (opened) levels are searched.
   */
  filter(text) {
    this.filterText = text;
    const needle = text.trim().toLowerCase();
    const visit = item => {
      const own = (item.dataset.name || '').toLowerCase().includes(needle);
      const list = item.querySelector(':scope > ul');
      let inside = false;
      if (list && !item.classList.contains('table') && !item.classList.contains('view')) {
        for (const child of list.querySelectorAll(':scope > li.node')) inside = visit(child) || inside;
      }
      const shown = !needle || own || inside;
      item.classList.toggle('filtered', !shown);
      return shown;
    };
    for (const db of this.root.querySelectorAll(':scope > li.node')) visit(db);
  }

  /** A node that loads its children the first time it opens. */
  branch(kind, label, insertText, loadChildren, extra = []) {
    const children = el('ul', {class: 'hidden'});
    const caret = el('span', {class: 'caret', title: 'Expand'}, '\u25B8');
    const name = el('span', {class: 'name', title: `Insert ${insertText}`}, label);
    const item = el('li', {class: `node ${kind}`, 'data-name': label},
      el('div', {class: 'row'}, caret, el('span', {class: `icon ${kind}`}), name, ...extra), children);
    let loaded = false;
    caret.addEventListener('click', async () => {
      const opening = children.classList.contains('hidden');
      children.classList.toggle('hidden', !opening);
      caret.textContent = opening ? '\u25BE' : '\u25B8';
      if (opening && !loaded) {
        loaded = true;
        children.replaceChildren(el('li', {class: 'muted'}, 'loading\u2026'));
        try {
          children.replaceChildren(...await loadChildren());
          if (this.filterText) this.filter(this.filterText);
        } catch (e) {
          loaded = false;
          children.replaceChildren(el('li', {class: 'error-text'}, `ERROR ${e.code}: ${e.message}`));
        }
      }
    });
    name.addEventListener('click', () => this.actions.insert(insertText));
    return item;
  }

  async tables(db) {
    const answer = await query('SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [db]);
    if (answer.rows.length === 0) return [el('li', {class: 'muted'}, 'no tables')];
    return answer.rows.map(([table, type]) => {
      const kind = type === 'VIEW' ? 'view' : 'table';
      const preview = el('button', {class: 'icon preview', title: `Preview the first rows of ${table}`}, '\u25B6');
      preview.addEventListener('click', () =>
        this.actions.preview(`SELECT * FROM ${quoteName(db)}.${quoteName(table)} LIMIT 100`));
      return this.branch(kind, table, quoteName(table), () => this.columns(db, table), [preview]);
    });
  }

  async columns(db, table) {
    const [cols, idx] = await Promise.all([
      query('SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_KEY, IS_NULLABLE FROM information_schema.COLUMNS '
        + 'WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION', [db, table]),
      query('SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SEQ_IN_INDEX FROM information_schema.STATISTICS '
        + 'WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX', [db, table]),
    ]);
    const items = cols.rows.map(([name, type, key, nullable]) => {
      const leaf = el('li', {class: 'node column', 'data-name': name},
        el('div', {class: 'row'}, el('span', {class: 'caret'}), el('span', {class: 'icon column'}),
          el('span', {class: 'name', title: `Insert ${name}`}, name),
          el('span', {class: 'type'}, type + (nullable === 'NO' ? ' NOT NULL' : '')),
          key ? el('span', {class: `key ${key.toLowerCase()}`}, key) : ''));
      leaf.querySelector('.name').addEventListener('click', () => this.actions.insert(quoteName(name)));
      return leaf;
    });
    const indexes = new Map();
    for (const [name, nonUnique, column] of idx.rows) {
      if (!indexes.has(name)) indexes.set(name, {unique: Number(nonUnique) === 0, columns: []});
      indexes.get(name).columns.push(column);
    }
    if (indexes.size > 0) {
      const list = [...indexes].map(([name, i]) => el('li', {class: 'node index'},
        el('div', {class: 'row'}, el('span', {class: 'caret'}), el('span', {class: 'icon index'}),
          el('span', {class: 'name'}, name), el('span', {class: 'type'}, `(${i.columns.join(', ')})`),
          i.unique ? el('span', {class: 'key uni'}, 'UNIQUE') : '')));
      items.push(el('li', {class: 'node group'}, el('div', {class: 'row muted'}, 'Indexes'), el('ul', {}, ...list)));
    }
    return items;
  }
}

/**
 * Names for completion in the flat shape CodeMirror's sql-hint takes: {"db.table": [columns]}
 * for qualified names, {table: [columns]} for the default database's tables, {db: []} so
 * database names complete too.
 */
export async function completionNames(defaultDb) {
  const answer = await query('SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS '
    + `WHERE TABLE_SCHEMA NOT IN (${SYSTEM.map(() => '?').join(', ')}) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`,
    SYSTEM);
  const names = {};
  for (const [db, table, column] of answer.rows) {
    names[db] ??= [];
    (names[`${db}.${table}`] ??= []).push(column);
    if (db === defaultDb) (names[table] ??= []).push(column);
  }
  return names;
}
