package dev.basalt.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Routes the /v1 endpoints, /health and /metrics, and turns every failure into a JSON error. */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final String NDJSON = "application/x-ndjson";
    /** How many NDJSON row lines go out between flushes. */
    private static final int FLUSH_EVERY = 256;
    /** How long a request waits for its session to be free before it gets 409. */
    private static final long BUSY_WAIT_MILLIS = 2000;

    private final Engine engine;
    private final HttpConfig config;
    private final ObjectMapper mapper;
    private final SqlRunner runner;
    private final BasicAuth auth;
    private final HttpSessions sessions;
    private final StatelessSessions stateless;
    private final Watchdog watchdog;
    private final HttpMetrics metrics;
    /** /metrics?format=mysqld: mysqld_exporter's names, for dashboards built for it. */
    private final MysqldExporterMetrics mysqld;
    private final AtomicLong connectionIds;
    private final java.util.concurrent.ScheduledExecutorService timers;

    ApiHandler(Engine engine, HttpConfig config, ObjectMapper mapper, HttpSessions sessions, StatelessSessions stateless, Watchdog watchdog,
               HttpMetrics metrics, AtomicLong connectionIds, java.util.concurrent.ScheduledExecutorService timers) {
        this.engine = engine;
        this.config = config;
        this.mapper = mapper;
        this.runner = new SqlRunner(new JsonValues(mapper));
        this.auth = new BasicAuth(engine);
        this.sessions = sessions;
        this.stateless = stateless;
        this.watchdog = watchdog;
        this.metrics = metrics;
        this.connectionIds = connectionIds;
        this.timers = timers;
        this.mysqld = new MysqldExporterMetrics(engine instanceof dev.basalt.engine.BasaltEngine b
                ? () -> new MysqldExporterMetrics.Reading(dev.basalt.engine.statement.ServerStatus.global(b),
                        dev.basalt.engine.statement.ServerStatus.globalVariables(b))
                : () -> MysqldExporterMetrics.through(engine.openSession(
                        new SessionOptions(connectionIds.getAndIncrement(), "root", "localhost", null))));
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        String route = ex.getRequestMethod().toUpperCase(Locale.ROOT) + " " + ex.getRequestURI().getPath();
        int status;
        try {
            status = route(ex, route);
        } catch (ApiError e) {
            status = fail(ex, e);
        } catch (SqlException e) {
            status = fail(ex, ApiError.of(e));
        } catch (IOException e) {
            status = 499; // the client went away; nothing more to tell it
            LOG.log(Level.FINE, "HTTP client disconnected", e);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "internal error answering " + route, e);
            status = fail(ex, new ApiError(500, 1105, "HY000", "Internal error: " + e));
        } finally {
            ex.close();
        }
        metrics.request(endpoint(route), status, System.nanoTime() - start);
    }

    private int route(HttpExchange ex, String route) throws Exception {
        return switch (route) {
            case "POST /v1/sql" -> sql(ex);
            case "POST /v1/batch" -> batch(ex);
            case "POST /v1/sessions" -> openSession(ex);
            case "DELETE /v1/sessions" -> closeSession(ex);
            case "GET /v1/openapi.json" -> openApi(ex);
            case "GET /health" -> text(ex, 200, "application/json", "{\"status\":\"ok\"}");
            case "GET /ready" -> ready(ex);
            case "GET /metrics" -> text(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    "format=mysqld".equals(ex.getRequestURI().getQuery()) ? mysqld.scrape() : metrics.scrape());
            case "POST /v1/sessions/cancel" -> cancel(ex);
            case "GET /v1/status" -> text(ex, 200, "application/json", StatusReport.json(mapper, engine, sessions, metrics));
            default -> {
                // the web console's page and files
                if (route.startsWith("GET ") && ConsoleAssets.handles(ex.getRequestURI().getPath())) {
                    yield ConsoleAssets.send(ex, ex.getRequestURI().getPath());
                }
                throw knownPath(ex.getRequestURI().getPath())
                    ? ApiError.http(405, ErrorCode.ER_UNKNOWN_COM, "Method " + ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath())
                    : ApiError.http(404, ErrorCode.ER_UNKNOWN_COM, "No such endpoint: " + ex.getRequestURI().getPath());
            }
        };
    }

    private static boolean knownPath(String path) {
        return List.of("/v1/sql", "/v1/batch", "/v1/sessions", "/v1/openapi.json", "/health", "/ready", "/metrics",
                "/v1/sessions/cancel", "/v1/status").contains(path) || ConsoleAssets.handles(path);
    }

    /** Endpoint label for metrics: known routes only, so a scanner cannot blow up the label set. */
    private static String endpoint(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (ConsoleAssets.handles(path)) return "console";
        return knownPath(path) ? path : "other";
    }

    private int fail(HttpExchange ex, ApiError e) {
        metrics.error(e.code());
        try {
            Exchanges.sendError(ex, mapper, e);
        } catch (IOException | IllegalStateException io) {
            // headers already sent or client gone
        }
        return e.status();
    }

    // ---- sessions ------------------------------------------------------------------------------

    /**
     * The session a request runs in: its token's, or for a request without a token one of the
     * {@link StatelessSessions} (reset as a new connection, its plan caches kept).
     */
    private final class Lease implements AutoCloseable {
        final Session session;
        final HttpSessions.Held held;
        final StatelessSessions.Pooled pooled;
        boolean abandoned;

        Lease(HttpExchange ex, JsonNode body) {
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                held = sessions.get(authorization.substring(7).strip());
                if (!lockWithin(held)) throw ApiError.http(409, ErrorCode.ER_LOCK_WAIT_TIMEOUT, "The session is busy with another request");
                session = held.session;
                pooled = null;
            } else {
                String user = auth.authenticate(authorization, ex.getRemoteAddress().getAddress(), ex instanceof com.sun.net.httpserver.HttpsExchange);
                held = null;
                String db = text(body, "database");
                pooled = stateless.take(new StatelessSessions.Key(user, BasicAuth.hostName(ex.getRemoteAddress().getAddress()),
                        db == null || db.isEmpty() ? null : db), () -> newSession(user, ex));
                session = pooled.session;
            }
            try {
                String db = text(body, "database");
                // a kept session has it already; asked again so that a revoked privilege counts (1044)
                if (db != null && !db.isEmpty()) session.useDatabase(db);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The kept session's prepared statements; null for a token's session (its client's own). */
        KeptStatements kept() { return pooled == null ? null : pooled.kept; }

        /** Called when the statement timed out: the session goes once the statement ends. */
        void abandon() {
            abandoned = true;
            if (held != null) sessions.forget(held);
            // stops the statement at its next cancellation check; the worker then closes the session
            session.interruptForClose();
        }

        void closeSessionNow() {
            try {
                session.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }

        @Override
        public void close() {
            if (held != null) {
                held.lastUsedNanos = System.nanoTime();
                sessions.release(held);
            } else if (!abandoned) {
                stateless.giveBack(pooled);
            }
        }
    }

    /**
     * A client that sends its next request as soon as it has read the last answer may arrive
     * while that request is still releasing the session: wait a moment rather than answer 409.
     */
    private static boolean lockWithin(HttpSessions.Held held) {
        try {
            return held.lock.tryLock(BUSY_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Session newSession(String user, HttpExchange ex) {
        Session s = engine.openSession(new SessionOptions(connectionIds.getAndIncrement(), user,
                BasicAuth.hostName(ex.getRemoteAddress().getAddress()), null));
        metrics.sessionOpened();
        return s;
    }

    private int openSession(HttpExchange ex) throws IOException {
        JsonNode body = Exchanges.readJsonObject(ex, mapper, config.maxRequestBytes());
        String user = auth.authenticate(ex.getRequestHeaders().getFirst("Authorization"), ex.getRemoteAddress().getAddress(),
                ex instanceof com.sun.net.httpserver.HttpsExchange);
        Session s = newSession(user, ex);
        try {
            String db = text(body, "database");
            if (db != null && !db.isEmpty()) s.useDatabase(db);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        HttpSessions.Held held = sessions.open(s);
        String json = mapper.createObjectNode()
                .put("token", held.token)
                .put("connectionId", s.connectionId())
                .put("idleTimeoutSeconds", sessions.idle().toSeconds())
                .toString();
        return text(ex, 201, "application/json", json);
    }

    private int closeSession(HttpExchange ex) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, 1045, "28000", "DELETE /v1/sessions needs the session's Bearer token");
        }
        HttpSessions.Held held = sessions.get(authorization.substring(7).strip());
        if (!lockWithin(held)) throw ApiError.http(409, ErrorCode.ER_LOCK_WAIT_TIMEOUT, "The session is busy with another request");
        try {
            sessions.close(held);
        } finally {
            held.lock.unlock();
        }
        ex.sendResponseHeaders(204, -1);
        return 204;
    }

    /** POST /v1/sessions/cancel: the token's running statement stops, as KILL QUERY stops it. */
    private int cancel(HttpExchange ex) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, 1045, "28000", "POST /v1/sessions/cancel needs the session's Bearer token");
        }
        HttpSessions.Held held = sessions.get(authorization.substring(7).strip());
        long target = QueryCancel.cancel(held, user -> newSession(user, ex));
        return text(ex, 200, "application/json",
                mapper.createObjectNode().put("cancelled", true).put("connectionId", target).toString());
    }

    // ---- statements ----------------------------------------------------------------------------

    private int sql(HttpExchange ex) throws Exception {
        JsonNode body = Exchanges.readJsonObject(ex, mapper, config.maxRequestBytes());
        SqlRunner.Statement st = statement(body, "query");
        String accept = ex.getRequestHeaders().getFirst("Accept");
        byte[] json;
        try (Lease lease = new Lease(ex, body)) {
            metrics.statement(st.query());
            if (accept != null && accept.toLowerCase(Locale.ROOT).contains(NDJSON)) return stream(ex, lease, st);
            long start = System.nanoTime();
            json = guarded(ex, lease, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                    runner.run(lease.session, st, lease.kept(), g, start);
                }
                return out.toByteArray();
            });
            metrics.statementTime(System.nanoTime() - start);
        }
        // answered after the session is released, so the client's next request finds it free
        Exchanges.sendJson(ex, 200, json);
        return 200;
    }

    /**
     * Runs work under the statement timeout; a timed-out session is closed once the work ends.
     * A client that hangs up meanwhile gets its statement stopped as KILL QUERY stops it.
     */
    private <T> T guarded(HttpExchange ex, Lease lease, java.util.concurrent.Callable<T> work) throws Exception {
        try {
            return watchdog.run(work, lease::closeSessionNow, ClientGone.of(ex), () -> clientGone(ex, lease));
        } catch (ApiError e) {
            if (e.code() == ApiError.QUERY_TIMEOUT) lease.abandon();
            throw e;
        }
    }

    private void clientGone(HttpExchange ex, Lease lease) {
        metrics.clientDisconnected();
        try {
            QueryCancel.cancel(lease.session, user -> newSession(user, ex));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not stop the statement of a disconnected HTTP client", e);
        }
    }

    /**
     * NDJSON: a header line with the columns, one line per row, then a final line with the counts
     * (done) or the error that stopped the rows. Errors before the first line get a normal status.
     */
    private int stream(HttpExchange ex, Lease lease, SqlRunner.Statement st) throws IOException {
        long start = System.nanoTime();
        // the statement timeout for a stream: stop the statement where the engine checks for it;
        // the rows already sent stay sent, the last line says 3024
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> timer = config.statementTimeout().isZero() ? null
                : timers.schedule(() -> {
                    timedOut.set(true);
                    lease.session.interruptForClose();
                }, config.statementTimeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        // a client that hangs up, even while the statement is silent, gets it stopped (KILL QUERY)
        try (StreamWatch watch = StreamWatch.start(ex, timers, () -> clientGone(ex, lease))) {
            return streamRows(ex, lease, st, start, timedOut, watch);
        } catch (SqlException e) {
            if (timedOut.get()) throw ApiError.timeout(); // stopped before the first line
            throw e;
        } finally {
            if (timer != null) timer.cancel(false);
            if (timedOut.get()) {
                // the session was interrupted for closing: it is not reused
                lease.abandon();
                lease.closeSessionNow();
            }
        }
    }

    private int streamRows(HttpExchange ex, Lease lease, SqlRunner.Statement st, long start,
                           java.util.concurrent.atomic.AtomicBoolean timedOut, StreamWatch watch) throws IOException {
        try (SqlRunner.Running running = runner.start(lease.session, st, lease.kept())) {
            Result first = running.results.next();
            ex.getResponseHeaders().set("Content-Type", NDJSON);
            watch.headers(ex, 200, 0);
            try (OutputStream out = watch.guard(ex.getResponseBody());
                 JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setRootValueSeparator(null); // lines, not Jackson's default space between root values
                long rows = 0;
                long affected = 0, lastInsertId = 0;
                try {
                    g.writeStartObject();
                    if (first instanceof Result.Rows r) {
                        runner.writeColumns(r.columns(), g);
                        g.writeEndObject();
                        g.writeRaw('\n');
                        g.flush();
                        SqlType[] types = SqlRunner.types(r.columns());
                        try (RowCursor cursor = r.cursor()) {
                            for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                                runner.writeRow(row, types, g);
                                g.writeRaw('\n');
                                if (++rows % FLUSH_EVERY == 0) g.flush();
                            }
                        }
                    } else {
                        Result.Update u = (Result.Update) first;
                        runner.writeColumns(List.of(), g);
                        g.writeEndObject();
                        g.writeRaw('\n');
                        affected = u.affectedRows();
                        lastInsertId = u.lastInsertId();
                    }
                    g.writeStartObject();
                    g.writeBooleanField("done", true);
                    g.writeNumberField("rowCount", rows);
                    g.writeNumberField("affectedRows", affected);
                    g.writeNumberField("lastInsertId", lastInsertId);
                    runner.writeWarnings(lease.session, g);
                    g.writeNumberField("timeMs", SqlRunner.elapsedMillis(start));
                    g.writeEndObject();
                    g.writeRaw('\n');
                } catch (SqlException e) {
                    ApiError error = timedOut.get() ? ApiError.timeout() : ApiError.of(e);
                    metrics.error(error.code());
                    boolean cutShort = !g.getOutputContext().inRoot(); // failed inside a row line
                    g.flush();
                    if (cutShort) out.write('\n');
                    // a fresh generator: the old one may be left inside the unfinished row
                    try (JsonGenerator eg = mapper.getFactory().createGenerator(out)) {
                        eg.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                        Exchanges.writeError(eg, error);
                        eg.writeRaw('\n');
                    }
                }
            }
        }
        metrics.statementTime(System.nanoTime() - start);
        return 200;
    }

    /**
     * POST /v1/batch: the statements run in one transaction; the first error rolls it all back and
     * is answered with its index. Statements that commit implicitly (DDL) end the transaction
     * early, as in MySQL.
     */
    private int batch(HttpExchange ex) throws Exception {
        JsonNode body = Exchanges.readJsonObject(ex, mapper, config.maxRequestBytes());
        JsonNode list = body.get("statements");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiError.http(400, ErrorCode.ER_WRONG_ARGUMENTS, "'statements' must be a non-empty array of SQL strings or {\"query\", \"params\"} objects");
        }
        List<SqlRunner.Statement> statements = new ArrayList<>();
        for (JsonNode item : list) {
            SqlRunner.Statement st = item.isTextual() ? new SqlRunner.Statement(item.textValue(), null) : statement(item, "query");
            String control = TransactionControl.of(st.query());
            if (control != null) {
                throw ApiError.http(400, ErrorCode.ER_COMMIT_NOT_ALLOWED_IN_SF_OR_TRG, "statements[" + statements.size() + "]: " + control + " would end the batch's transaction"
                        + " part-way; a batch commits (or rolls back) by itself: leave it out").atStatement(statements.size());
            }
            statements.add(st);
        }
        byte[] answer;
        try (Lease lease = new Lease(ex, body)) {
            Session s = lease.session;
            if (s.inTransaction()) {
                throw ApiError.http(409, ErrorCode.ER_LOCK_OR_ACTIVE_TRANSACTION, "A transaction is open in this session: COMMIT or ROLLBACK it before a batch");
            }
            long start = System.nanoTime();
            byte[] json = guarded(ex, lease, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                drain(s, "START TRANSACTION");
                int index = 0;
                try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("results");
                    for (SqlRunner.Statement st : statements) {
                        metrics.statement(st.query());
                        runner.run(s, st, lease.kept(), g, System.nanoTime());
                        index++;
                    }
                    g.writeEndArray();
                    drain(s, "COMMIT");
                    g.writeNumberField("timeMs", SqlRunner.elapsedMillis(start));
                    g.writeEndObject();
                } catch (SqlException e) {
                    rollbackQuietly(s);
                    throw ApiError.of(e).atStatement(index);
                } catch (RuntimeException | IOException e) {
                    rollbackQuietly(s);
                    throw e;
                }
                return out.toByteArray();
            });
            metrics.statementTime(System.nanoTime() - start);
            answer = json;
        }
        Exchanges.sendJson(ex, 200, answer);
        return 200;
    }

    private static void drain(Session s, String sql) {
        try (SqlRunner.Running r = new SqlRunner.Running(s, s.execute(sql, false), null)) {
            // nothing to read: close() drains
        }
    }

    private static void rollbackQuietly(Session s) {
        try {
            drain(s, "ROLLBACK");
        } catch (RuntimeException e) {
            // the session may be closing; it rolls back then anyway
        }
    }

    /** Ready when the engine answers a statement (alive is /health: the process answers at all). */
    private int ready(HttpExchange ex) throws IOException {
        try (Session s = engine.openSession(new SessionOptions(connectionIds.getAndIncrement(), "root", "localhost", null))) {
            drain(s, "DO 1");
        } catch (RuntimeException e) {
            throw new ApiError(503, 1053, "08S01", "Not ready: " + e.getMessage());
        }
        return text(ex, 200, "application/json", "{\"status\":\"ready\"}");
    }

    private int openApi(HttpExchange ex) throws IOException {
        try (InputStream in = ApiHandler.class.getResourceAsStream("openapi.json")) {
            if (in == null) throw ApiError.http(404, ErrorCode.ER_UNKNOWN_COM, "openapi.json is missing from the build");
            return text(ex, 200, "application/json", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static SqlRunner.Statement statement(JsonNode node, String field) {
        if (!node.isObject()) throw ApiError.http(400, ErrorCode.ER_WRONG_ARGUMENTS, "A statement must be a SQL string or a {\"query\", \"params\"} object");
        String query = text(node, field);
        if (query == null || query.isBlank()) throw ApiError.http(400, ErrorCode.ER_EMPTY_QUERY, "Query was empty: '" + field + "' (the SQL text) is required");
        return new SqlRunner.Statement(query, node.get("params"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.http(400, ErrorCode.ER_WRONG_ARGUMENTS, "'" + field + "' must be a string");
        return v.textValue();
    }

    private static int text(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }
}
