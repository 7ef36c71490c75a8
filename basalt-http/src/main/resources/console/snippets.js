// Saved snippets, kept in the browser (localStorage) by name: save the editor's text, click to
// insert one at the cursor, x to delete.

import {el} from './dom.js';

const KEY = 'basalt.snippets';

export class Snippets {
  constructor(list, onPick) {
    this.list = list;
    this.onPick = onPick;
    this.draw();
  }

  all() {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || {};
    } catch (e) {
      return {};
    }
  }

  save(name, sql) {
    const all = this.all();
    all[name] = sql;
    localStorage.setItem(KEY, JSON.stringify(all));
    this.draw();
  }

  remove(name) {
    const all = this.all();
    delete all[name];
    localStorage.setItem(KEY, JSON.stringify(all));
    this.draw();
  }

  draw() {
    const all = this.all();
    const names = Object.keys(all).sort();
    const items = names.map(name => {
      const drop = el('button', {class: 'icon', title: `Delete ${name}`}, '\u2715');
      const li = el('li', {title: all[name]}, el('span', {class: 'name'}, name), drop);
      li.querySelector('.name').addEventListener('click', () => this.onPick(all[name]));
      drop.addEventListener('click', () => this.remove(name));
      return li;
    });
    this.list.replaceChildren(...(items.length ? items : [el('li', {class: 'muted'}, 'none saved')]));
  }
}
