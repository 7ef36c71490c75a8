// The console page: wires the editor, the schema tree, the results, history, snippets and the
// status page together. Statements the user runs go through the console's own HTTP session.

import * as api from './api.js';
import {el} from './dom.js';
import {SqlEditor} from './editor.js';
import {renderPlan} from './explain.js';
import {renderError, renderResult} from './grid.js';
import {History} from './history.js';
import {completionNames, SchemaTree} from './schema.js';
import {Snippets} from './snippets.js';
import {StatusPage} from './status.js';

const $ = id => document.getElementById(id);
/** Statements after which the schema tree and completion are read again. */
const CHANGES_SCHEMA = /^\s*(CREATE|DROP|ALTER|RENAME|TRUNCATE|USE|IMPORT)\b/i;

const editor = new SqlEditor($('editor'), {run: () => runStatements(editor.statementsToRun()),
  runAll: () => runStatements(editor.allStatements()), explain: () => explain()});
const history = new History($('history'), sql => editor.setValue(sql));
const snippets = new Snippets($('snippets'), sql => editor.insert(sql));
const schema = new SchemaTree($('schema'), {
  insert: text => editor.insert(text),
  preview: sql => { editor.setValue(sql); runStatements([sql]); },
});
const statusPage = new StatusPage();
let running = false;
let cancelRequested = false;

// ---- results: one tab per result set ---------------------------------------------------------

let results = [];

function showResults(list) {
  results = list;
  const tabs = list.map((r, i) => {
    const b = el('button', {class: `result-tab${r.failed ? ' failed' : ''}`, title: r.sql || ''}, r.label);
    b.addEventListener('click', () => selectResult(i));
    return b;
  });
  $('result-tabs').replaceChildren(...tabs);
  selectResult(list.length - 1);
}

function selectResult(i) {
  [...$('result-tabs').children].forEach((b, k) => b.classList.toggle('active', k === i));
  if (results[i]) results[i].render($('result-body'));
}

// ---- running statements ----------------------------------------------------------------------

function setRunning(on) {
  running = on;
  $('run').disabled = on;
  $('run-all').disabled = on;
  $('explain').disabled = on;
  $('cancel').disabled = !on;
  document.body.classList.toggle('running', on);
}

/** Runs statements one after another, as the mysql client does: the first error stops the rest. */
async function runStatements(statements) {
  if (running || statements.length === 0) return;
  setRunning(true);
  cancelRequested = false;
  const started = performance.now();
  const clock = setInterval(() => {
    $('run-state').textContent = `running\u2026 ${((performance.now() - started) / 1000).toFixed(1)} s`;
  }, 100);
  const list = [];
  let schemaChanged = false;
  try {
    for (const sql of statements) {
      if (cancelRequested) break;
      const n = list.length + 1;
      try {
        const answer = await api.run(sql, $('database').value);
        history.add(sql, true, answer.timeMs);
        list.push({label: `Result ${n}`, sql, render: c => renderResult(c, answer, `result-${n}`)});
        for (const more of answer.moreResults || []) {
          const m = list.length + 1;
          list.push({label: `Result ${m}`, sql, render: c => renderResult(c, {...more, timeMs: answer.timeMs}, `result-${m}`)});
        }
        if (CHANGES_SCHEMA.test(sql)) schemaChanged = true;
      } catch (e) {
        history.add(sql, false);
        list.push({label: `Error`, sql, failed: true, render: c => renderError(c, e)});
        break;
      }
    }
  } finally {
    clearInterval(clock);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    // say so after Cancel: an interrupted SLEEP answers a normal row, and the rest of the run never started
    $('run-state').textContent = cancelRequested
      ? `Cancelled after ${seconds} s: ${list.length} of ${statements.length} statement${statements.length === 1 ? '' : 's'} ran`
      : `${statements.length} statement${statements.length === 1 ? '' : 's'} in ${seconds} s`;
    setRunning(false);
  }
  showResults(list);
  if (schemaChanged) await refreshSchema(true);
}

async function explain() {
  const sql = editor.currentStatement();
  if (running || !sql) return;
  const text = /^\s*(EXPLAIN|DESCRIBE|DESC)\b/i.test(sql) ? sql : `EXPLAIN ${sql}`;
  setRunning(true);
  try {
    const answer = await api.run(text, $('database').value);
    showResults([{label: 'Plan', sql: text, render: c => renderPlan(c, answer, sql)}]);
  } catch (e) {
    showResults([{label: 'Error', sql: text, failed: true, render: c => renderError(c, e)}]);
  } finally {
    setRunning(false);
  }
}

/**
 * Stops the run: no further statement starts, and the running one gets KILL QUERY. A kill that
 * reaches the server before the statement has started is forgotten when it starts (as in MySQL),
 * so it is sent again while the statement still runs.
 */
async function cancel() {
  cancelRequested = true;
  $('run-state').textContent = 'cancelling\u2026';
  for (let attempt = 0; running && attempt < 10; attempt++) {
    try {
      await api.cancel();
    } catch (e) {
      $('run-state').textContent = `cancel failed: ERROR ${e.code}: ${e.message}`;
      return;
    }
    await new Promise(resolve => setTimeout(resolve, attempt === 0 ? 300 : 1000));
  }
}

// ---- schema, databases, completion -----------------------------------------------------------

/** Reads the databases, the tree and the completion names again (after DDL or USE). */
async function refreshSchema(askCurrent) {
  let names;
  try {
    names = await schema.load();
    schema.filter($('schema-filter').value);
  } catch (e) {
    $('schema').replaceChildren(el('li', {class: 'error-text'}, `ERROR ${e.code}: ${e.message}`));
    return;
  }
  let current = $('database').value;
  if (askCurrent) {
    try {
      current = (await api.run('SELECT DATABASE()')).rows[0][0] || '';
    } catch (e) {
      // keep what the selector shows
    }
  }
  $('database').replaceChildren(el('option', {value: ''}, '(none)'), ...names.map(n => el('option', {value: n}, n)));
  $('database').value = names.includes(current) ? current : '';
  try {
    editor.setNames(await completionNames($('database').value));
  } catch (e) {
    // completion without names still completes keywords
  }
}

$('database').addEventListener('change', async () => {
  const db = $('database').value;
  if (!db) return;
  try {
    await api.run(`USE \`${db.replace(/`/g, '``')}\``);
    editor.setNames(await completionNames(db));
  } catch (e) {
    showResults([{label: 'Error', failed: true, render: c => renderError(c, e)}]);
  }
});

// ---- wiring ------------------------------------------------------------------------------------

$('run').addEventListener('click', () => runStatements(editor.statementsToRun()));
$('run-all').addEventListener('click', () => runStatements(editor.allStatements()));
$('explain').addEventListener('click', () => explain());
$('cancel').addEventListener('click', () => cancel());
$('schema-refresh').addEventListener('click', () => refreshSchema(true));
$('history-clear').addEventListener('click', () => history.clear());
$('schema-filter').addEventListener('input', () => schema.filter($('schema-filter').value));
$('snippet-save').addEventListener('click', () => {
  const name = prompt('Save the editor\'s text as snippet:');
  if (name) snippets.save(name, editor.getValue());
});
for (const tab of document.querySelectorAll('nav .tab')) {
  tab.addEventListener('click', () => {
    document.querySelectorAll('nav .tab').forEach(t => t.classList.toggle('active', t === tab));
    document.querySelectorAll('.page').forEach(v => v.classList.toggle('hidden', v.id !== tab.dataset.view));
    if (tab.dataset.view === 'status-view') statusPage.start(); else statusPage.stop();
    if (tab.dataset.view === 'query-view') editor.cm.refresh();
  });
}

// the connection id shown follows the session: a new one after the old expired or was killed,
// with why (its USE, variables and open transaction are gone)
api.onSession((id, why) => {
  $('connection').textContent = why ? `connection ${id} (new session: ${why})` : `connection ${id}`;
  $('connection').title = why || '';
});

(async () => {
  try {
    await api.openSession();
  } catch (e) {
    $('connection').textContent = `no session: ${e.message}`;
  }
  await refreshSchema(false);
  document.body.dataset.ready = 'true'; // tests wait for this
})();
