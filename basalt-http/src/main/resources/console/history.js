// Statement history, kept in the browser (localStorage): newest first, at most LIMIT entries.
// Clicking an entry puts its text back into the editor.

import {el} from './dom.js';

const KEY = 'basalt.history';
const LIMIT = 200;

export class History {
  constructor(list, onPick) {
    this.list = list;
    this.onPick = onPick;
    this.draw();
  }

  entries() {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || [];
    } catch (e) {
      return [];
    }
  }

  /** Records a statement that ran: its text, when, and whether it failed. */
  add(sql, ok, timeMs) {
    const all = this.entries().filter(e => e.sql !== sql);
    all.unshift({sql, ok, timeMs, at: new Date().toISOString()});
    localStorage.setItem(KEY, JSON.stringify(all.slice(0, LIMIT)));
    this.draw();
  }

  clear() {
    localStorage.removeItem(KEY);
    this.draw();
  }

  draw() {
    const items = this.entries().map(e => {
      const li = el('li', {class: e.ok ? '' : 'failed', title: `${e.at}${e.timeMs !== undefined ? ` \u00B7 ${e.timeMs} ms` : ''}\n${e.sql}`},
        e.sql.replace(/\s+/g, ' '));
      li.addEventListener('click', () => this.onPick(e.sql));
      return li;
    });
    this.list.replaceChildren(...(items.length ? items : [el('li', {class: 'muted'}, 'nothing run yet')]));
  }
}
