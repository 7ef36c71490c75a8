// Talks to Basalt's HTTP API (/v1/sql, /v1/sessions, /v1/status). The console's own statements
// (schema tree, completion) run in a fresh engine session per request; the user's statements run in
// one long-lived session (its token kept in memory), so USE, variables and transactions carry over.

/** A failed request: MySQL's error number, SQLSTATE and message, as the API answers them. */
export class SqlError extends Error {
  constructor(status, error) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.sqlstate = error.sqlstate;
  }
}

let credentials = sessionStorage.getItem('basalt.auth'); // "Basic ..." once the user signed in
let loginWaiter = null; // set while the sign-in dialog is open
let token = null;
let connectionId = null;

/** Asks for a user and password (HTTP Basic), once, however many requests are waiting. */
function signIn(message) {
  if (!loginWaiter) {
    loginWaiter = new Promise(resolve => {
      const dialog = document.getElementById('login');
      document.getElementById('login-error').textContent = message || '';
      dialog.showModal();
      document.getElementById('login-form').addEventListener('submit', () => {
        const user = document.getElementById('login-user').value;
        const password = document.getElementById('login-password').value;
        credentials = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password)));
        sessionStorage.setItem('basalt.auth', credentials);
        loginWaiter = null;
        resolve();
      }, {once: true});
    });
  }
  return loginWaiter;
}

/** Sends a request, asking for a password when the server wants one; throws SqlError unless 2xx. */
async function send(method, path, body, authorization, accept) {
  for (;;) {
    // X-Requested-With: the server leaves out WWW-Authenticate, so the browser shows no pop-up of its own
    const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'basalt-console'};
    const auth = authorization || credentials;
    if (auth) headers.Authorization = auth;
    if (accept) headers.Accept = accept;
    const reply = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    if (reply.ok) return reply;
    const text = await reply.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch (e) {
      // not JSON (a proxy's page): the status text says enough
    }
    if (reply.status === 401 && !authorization) {
      await signIn(credentials ? json.error?.message : '');
      continue;
    }
    // not our JSON error (a proxy's page): 2000, the client library's "Unknown MySQL error"
    throw new SqlError(reply.status, json.error || {code: 2000, sqlstate: 'HY000', message: `${reply.status} ${reply.statusText}`});
  }
}

async function request(method, path, body, authorization) {
  const text = await (await send(method, path, body, authorization)).text();
  return text ? JSON.parse(text) : {};
}

/** Who is told when the console's session is opened or opened anew: fn(connectionId, why). */
const sessionListeners = [];

export function onSession(fn) { sessionListeners.push(fn); }

/**
 * Opens the console's session; answers its connection id. {@code why}: the server's message
 * about the session it replaces (expired, killed), shown to the user with the new id.
 */
export async function openSession(database, why) {
  const s = await request('POST', '/v1/sessions', database ? {database} : {});
  token = s.token;
  connectionId = s.connectionId;
  for (const fn of sessionListeners) fn(connectionId, why || null);
  return connectionId;
}

/** Most rows the console reads of one result; the rest are not fetched (the statement is stopped). */
export const MAX_ROWS = 10000;

/**
 * Runs one statement in the console's session: the /v1/sql answer. A session that expired
 * (404) is opened anew and the statement sent once more.
 */
export async function run(query, database) {
  if (!token) await openSession(database);
  try {
    return await runInSession(query);
  } catch (e) {
    if (e.status !== 404 || e.code !== 1094) throw e; // 1094: unknown (expired or killed) session
    await openSession(database, e.message);
    return runInSession(query);
  }
}

/**
 * Rows stream as NDJSON, so a huge result stops at MAX_ROWS instead of filling the browser: the
 * connection is then closed, which stops the statement on the server. CALL, which may answer
 * several result sets, is read as one JSON answer (a stream carries the first result only).
 */
function runInSession(query) {
  if (/^\s*CALL\b/i.test(query)) return request('POST', '/v1/sql', {query}, 'Bearer ' + token);
  return stream(query);
}

async function stream(query) {
  const started = performance.now();
  const reply = await send('POST', '/v1/sql', {query}, 'Bearer ' + token, 'application/x-ndjson');
  const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let header = null;
  let done = null;
  let truncated = false;
  const rows = [];
  reading: for (;;) {
    const {value, done: ended} = await reader.read();
    if (ended) break;
    buffer += value;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const v = JSON.parse(line);
      if (Array.isArray(v)) {
        if (rows.length === MAX_ROWS) {
          truncated = true;
          await reader.cancel();
          break reading;
        }
        rows.push(v);
      } else if (v.error) {
        throw new SqlError(200, v.error); // the statement failed after some rows
      } else if (header === null) {
        header = v;
      } else {
        done = v;
      }
    }
  }
  if (!done && !truncated) {
    throw new SqlError(0, {code: 2013, sqlstate: 'HY000', message: 'Lost connection to the server: the answer ended early'});
  }
  return {
    columns: header.columns, rows, rowCount: rows.length, truncated,
    affectedRows: done ? done.affectedRows : 0, lastInsertId: done ? done.lastInsertId : 0,
    warnings: done ? done.warnings : [],
    timeMs: done ? done.timeMs : Math.round((performance.now() - started) * 100) / 100,
  };
}

/** Runs a statement of the console's own (schema, completion) outside the user's session. */
export function query(sql, params) {
  return request('POST', '/v1/sql', params ? {query: sql, params} : {query: sql});
}

/** Stops the statement running in the console's session (KILL QUERY on the server). */
export function cancel() {
  if (!token) return Promise.resolve();
  return request('POST', '/v1/sessions/cancel', undefined, 'Bearer ' + token);
}

/** The server's running totals for the status page. */
export function status() {
  return request('GET', '/v1/status');
}

export function currentConnectionId() { return connectionId; }
