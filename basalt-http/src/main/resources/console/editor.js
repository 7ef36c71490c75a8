// The SQL editor: CodeMirror 5 (from its WebJar) in MySQL mode, completion of keywords and of the
// schema's names, and the keys that run statements. Its text is kept in localStorage.

import {splitStatements, statementAt} from './statements.js';

const STORED = 'basalt.editor';

export class SqlEditor {
  /** @param keys {run(), runAll(), explain()} called by Ctrl+Enter, Ctrl+Shift+Enter, Ctrl+E */
  constructor(textarea, keys) {
    const saved = localStorage.getItem(STORED);
    if (saved !== null) textarea.value = saved;
    this.names = {};
    this.cm = CodeMirror.fromTextArea(textarea, {
      mode: 'text/x-mysql',
      lineNumbers: true,
      matchBrackets: true,
      indentWithTabs: false,
      smartIndent: true,
      autofocus: true,
      extraKeys: {
        'Ctrl-Enter': () => keys.run(),
        'Cmd-Enter': () => keys.run(),
        'Shift-Ctrl-Enter': () => keys.runAll(),
        'Shift-Cmd-Enter': () => keys.runAll(),
        'Ctrl-E': () => keys.explain(),
        'Ctrl-Space': cm => this.complete(cm, true),
      },
    });
    // completion pops up while a name is typed, without taking a single match by itself
    this.cm.on('inputRead', (cm, change) => {
      if (change.origin === '+input' && /^[\w.`]$/.test(change.text[0])) this.complete(cm, false);
    });
    this.cm.on('changes', () => localStorage.setItem(STORED, this.cm.getValue()));
    // the statement Ctrl+Enter would run is shaded, so it is clear which one that is
    this.mark = null;
    this.cm.on('cursorActivity', () => this.markCurrent());
    this.markCurrent();
  }

  markCurrent() {
    if (this.mark) this.mark.clear();
    this.mark = null;
    if (this.cm.somethingSelected()) return;
    const all = splitStatements(this.cm.getValue());
    if (all.length < 2) return; // with one statement there is nothing to tell apart
    const s = statementAt(this.cm.getValue(), this.cm.indexFromPos(this.cm.getCursor()));
    if (!s) return;
    const text = this.cm.getValue();
    const lead = text.slice(s.start, s.end).search(/\S/);
    this.mark = this.cm.markText(this.cm.posFromIndex(s.start + Math.max(0, lead)), this.cm.posFromIndex(s.end),
      {className: 'current-statement'});
  }

  complete(cm, explicit) {
    cm.showHint({
      hint: CodeMirror.hint.sql,
      completeSingle: explicit,
      tables: this.names,
    });
  }

  /** Schema names to complete (see schema.js completionNames). */
  setNames(names) { this.names = names; }

  /** The selection when there is one, otherwise the statement under the cursor (null if none). */
  currentStatement() {
    const selected = this.cm.getSelection();
    if (selected.trim()) return selected;
    const text = this.cm.getValue();
    const s = statementAt(text, this.cm.indexFromPos(this.cm.getCursor()));
    return s ? s.text : null;
  }

  /** The statements to run: those in the selection, or the one under the cursor. */
  statementsToRun() {
    const selected = this.cm.getSelection();
    if (selected.trim()) return splitStatements(selected).map(s => s.text);
    const one = this.currentStatement();
    return one ? [one] : [];
  }

  allStatements() {
    return splitStatements(this.cm.getValue()).map(s => s.text);
  }

  /** Puts text at the cursor (a name clicked in the schema tree, a snippet). */
  insert(text) {
    this.cm.replaceSelection(text);
    this.cm.focus();
  }

  setValue(text) {
    this.cm.setValue(text);
    this.cm.setCursor(this.cm.lineCount(), 0);
    this.cm.focus();
  }

  getValue() { return this.cm.getValue(); }
}
