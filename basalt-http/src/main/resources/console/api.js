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

async function request(method, path, body, authorization) {
  for (;;) {
    // X-Requested-With: the server leaves out WWW-Authenticate, so the browser shows no pop-up of its own
    const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'basalt-console'};
    const auth = authorization || credentials;
    if (auth) headers.Authorization = auth;
    const reply = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await reply.text();
    const json = text ? JSON.parse(text) : {};
    if (reply.status === 401 && !authorization) {
      await signIn(credentials ? json.error?.message : '');
      continue;
    }
    if (!reply.ok) throw new SqlError(reply.status, json.error || {code: 0, sqlstate: 'HY000', message: reply.statusText});
    return json;
  }
}

/** Opens the console's session (again, after it expired); answers its connection id. */
export async function openSession(database) {
  const s = await request('POST', '/v1/sessions', database ? {database} : {});
  token = s.token;
  connectionId = s.connectionId;
  return connectionId;
}

/**
 * Runs one statement in the console's session: the /v1/sql answer. A session that expired
 * (404) is opened anew and the statement sent once more.
 */
export async function run(query, database) {
  if (!token) await openSession(database);
  try {
    return await request('POST', '/v1/sql', {query}, 'Bearer ' + token);
  } catch (e) {
    if (e.status !== 404 || e.code !== 0) throw e;
    await openSession(database);
    return request('POST', '/v1/sql', {query}, 'Bearer ' + token);
  }
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
