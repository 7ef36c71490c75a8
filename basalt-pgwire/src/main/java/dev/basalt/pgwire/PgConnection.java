package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.engine.api.UserAccount;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.postgres.PgDialect;
import dev.basalt.sql.postgres.PgText;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL client: start-up and authentication, then simple and extended query messages
 * until Terminate. Errors in user input become ErrorResponses; a protocol violation gets a FATAL
 * 08P01 and the connection closes. Nothing here can take the server down.
 */
final class PgConnection implements Runnable {
    private static final System.Logger LOG = System.getLogger(PgConnection.class.getName());
    private static final int SSL_REQUEST = 80877103, GSSENC_REQUEST = 80877104, CANCEL_REQUEST = 80877102;
    private static final int IDLE = 0, BUSY = 1, CLOSED = 2;
    private final PgServer server;
    private final int id;
    private final int secret = new SecureRandom().nextInt();
    private final Socket socket;
    /** The plain socket's buffered input, and the TLS layer over the socket once the client asked for it. */
    private BufferedInputStream plainInput;
    /** The TLS layer after SSLRequest (JDK's or BoringSSL's, as {@code tls-library} chose); null: plain. */
    private dev.basalt.tls.TlsStreams tlsLayer;
    /** The library that ran this connection's handshake (SHOW ssl_library); null: plaintext. */
    private String tlsLibrary;
    /** When the connection was accepted: it must have logged in {@link PgServer#loginTimeout} later. */
    private final long acceptedAt = System.nanoTime();
    /** Time a throttled login was held back: added to the login deadline, so a right password still gets in. */
    private volatile long loginDelayNanos;
    /** Set once authenticated: from then on it holds one of max_connections' slots. */
    private volatile boolean loggedIn;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private MessageReader reader;
    private MessageWriter writer;
    private volatile Session session;
    private PgSettings settings;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** The portal whose rows are still open in the engine: closed before anything else runs. */
    private Portal open;
    /** An error inside a transaction block: everything but ROLLBACK gets 25P02. */
    private boolean failedTransaction;
    /** An error in an extended-query message: the rest up to Sync is ignored. */
    private boolean skipToSync;
    /** The statement text being parsed or run, for the position of a syntax error. */
    private String currentSql;
    /** The PostgreSQL database named at start-up (current_database()). */
    private String pgDatabase = "postgres";
    /** OIDs of the relations the catalog queries of this connection have shown. */
    private final PgCatalogData.Oids catalogOids = new PgCatalogData.Oids();

    /** A parsed statement: an engine handle, or (direct) text run as in a simple query. */
    private record Statement(String sql, PreparedStatementHandle handle, int[] order, int parameterCount, int[] types,
                             PgDialect.Returning returning) {}

    /** A bound statement and, once started, its result. */
    static final class Portal {
        final Statement statement;
        final Object[] parameters;
        final int[] resultFormats;
        boolean started, done;
        List<ColumnInfo> columns;
        int[] oids;
        RowCursor cursor;
        long rows;
        String tag;
        /** The tag is complete (INSERT ... RETURNING): no row count appended. */
        boolean tagComplete;
        PgSettings.Outcome local;

        /** Rows computed ahead (RETURNING), served like a cursor's. */
        void buffered(List<ColumnInfo> columns, List<Object[]> rows, String tag) {
            this.columns = columns;
            this.oids = new int[columns.size()];
            for (int i = 0; i < oids.length; i++) oids[i] = PgTypes.oid(columns.get(i).type());
            java.util.Iterator<Object[]> it = rows.iterator();
            this.cursor = new RowCursor() {
                @Override public Object[] next() { return it.hasNext() ? it.next() : null; }
                @Override public void close() { }
            };
            this.tag = tag;
            this.tagComplete = true;
        }

        Portal(Statement statement, Object[] parameters, int[] resultFormats) {
            this.statement = statement;
            this.parameters = parameters;
            this.resultFormats = resultFormats;
        }
    }

    PgConnection(PgServer server, int id, Socket socket) {
        this.server = server;
        this.id = id;
        this.socket = socket;
    }

    int id() { return id; }

    long acceptedAt() { return acceptedAt; }

    long loginDelayNanos() { return loginDelayNanos; }

    boolean loggedIn() { return loggedIn; }

    /** Still starting up or authenticating (and not closed): counts against the handshake cap, not max_connections. */
    boolean inHandshake() { return !loggedIn && state.get() != CLOSED; }

    int secret() { return secret; }

    @Override
    public void run() {
        try {
            plainInput = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            reader = new MessageReader(plainInput); // small messages only until logged in
            writer = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
            // no single read may stall the login for long; PgServer's watchdog bounds the whole of it
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, server.loginTimeout().toMillis()));
            boolean loggedIn = startup();
            socket.setSoTimeout(0);
            if (loggedIn) loop();
        } catch (MalformedMessageException e) {
            LOG.log(System.Logger.Level.INFO, "pg connection {0}: protocol violation: {1}", id, e.getMessage());
            fatalQuietly("08P01", e.getMessage());
        } catch (java.net.SocketTimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "pg connection {0}: login timed out", id);
        } catch (EOFException | SocketException e) {
            // client went away
        } catch (javax.net.ssl.SSLException e) {
            LOG.log(System.Logger.Level.INFO, "pg connection {0}: TLS failed: {1}", id, e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
            // Error: e.g. out of memory reading a big message; this connection ends, the server goes on
            LOG.log(System.Logger.Level.WARNING, "pg connection " + id + " failed", e);
            fatalQuietly("XX000", String.valueOf(e.getMessage()));
        } finally {
            state.set(CLOSED);
            closeSession();
            closeSocket();
            if (tlsLayer != null) tlsLayer.release(); // here, on the connection's own thread: frees a native engine
            server.unregister(this);
        }
    }

    // ---- start-up ----

    private boolean startup() throws IOException {
        while (true) {
            MessageBody body = reader.readStartup();
            int code = body.int32();
            if (code == SSL_REQUEST && server.tls() != null && tlsLayer == null) {
                writer.raw('S');
                writer.flush();
                startTls();
                continue;
            }
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                writer.raw('N'); // GSSAPI encryption is not offered, nor TLS when it is off
                writer.flush();
                continue;
            }
            if (code == CANCEL_REQUEST) {
                server.cancel(body.int32(), body.int32());
                return false;
            }
            if (code >>> 16 != 3) {
                fatal("0A000", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF)
                        + ": server supports 3.0");
                return false;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                String key = body.cstring();
                if (key.isEmpty()) break;
                params.put(key, body.cstring());
            }
            List<String> unknownOptions = params.keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
            if ((code & 0xFFFF) != 0 || !unknownOptions.isEmpty()) {
                writer.begin('v').int32(3 << 16).int32(unknownOptions.size());
                for (String o : unknownOptions) writer.cstring(o);
                writer.end();
            }
            if (server.atConnectionLimit()) { // checked again when the slot is taken, after authentication
                fatal("53300", "sorry, too many clients already");
                return false;
            }
            return logIn(params);
        }
    }

    /**
     * After 'S': the client's TLS handshake, then the startup packet inside TLS. Bytes already
     * buffered from the plain socket are the handshake's; the raw socket keeps its login timeout.
     */
    private void startTls() throws IOException {
        dev.basalt.tls.TlsHandshake tls = server.tls(); // ALTER INSTANCE RELOAD TLS replaces it whole
        tlsLayer = tls.accept(socket, plainInput);
        tlsLibrary = tls.library();
        reader = new MessageReader(new BufferedInputStream(tlsLayer.input(), 16 * 1024));
        writer = new MessageWriter(new BufferedOutputStream(tlsLayer.output(), 16 * 1024));
    }

    private boolean logIn(Map<String, String> params) throws IOException {
        String user = params.get("user");
        if (user == null || user.isEmpty()) {
            fatal("28000", "no PostgreSQL user name specified in startup packet");
            return false;
        }
        String database = params.getOrDefault("database", user);
        String host = hostText(socket.getInetAddress());
        if (tlsLayer == null && server.secureTransportRequired()) {
            // require_secure_transport: as a pg_hba.conf of hostssl lines only, refused before any account lookup
            fatal("28000", PgAccountRules.noHbaEntry(socket.getInetAddress().getHostAddress(), user, database, false));
            return false;
        }
        // the account of this user name whose host pattern matches the client, as on the MySQL port
        Optional<UserAccount> account = server.engine().findUser(user, host);
        if (account.isPresent() && !PgAccountRules.transportAllowed(account.get(), tlsSession())) {
            // REQUIRE SSL / X509 ...: refused before the password, as pg_hba.conf refuses
            fatal("28000", PgAccountRules.transportRefusal(account.get(), tlsSession(),
                    socket.getInetAddress().getHostAddress(), user, database));
            return false;
        }
        boolean loopback = socket.getInetAddress().isLoopbackAddress();
        // failed logins count with the MySQL port's (one memory per engine): guessing here is slowed down too
        dev.basalt.engine.api.LoginThrottle throttle = server.engine().loginThrottle();
        String address = dev.basalt.engine.api.LoginThrottle.address(socket.getInetAddress());
        holdBackAfterFailures(throttle, user, address);
        PgAuthenticator authenticator = new PgAuthenticator(reader, writer, TlsServerEndPoint.of(tlsSession()),
                server.mockAuthSecret());
        boolean proved = account.isPresent()
                ? authenticator.authenticate(user, account.get(), server.config().knownPasswords().apply(user),
                        server.config().authMethod(), loopback)
                : authenticator.pretend(user);
        if (!proved) {
            throttle.failed(user, address);
            LOG.log(System.Logger.Level.WARNING, "Access denied for user ''{0}''@''{1}'' (pg connection {2}): {3}",
                    user, address, Integer.toString(id), account.isEmpty() ? "no such user" : "wrong password");
            fatal("28P01", "password authentication failed for user \"" + user + "\"");
            return false;
        }
        throttle.succeeded(user, address);
        if (account.get().locked()) {
            // ACCOUNT LOCK is PostgreSQL's NOLOGIN: checked after authentication, with its message
            fatal("28000", "role \"" + user + "\" is not permitted to log in");
            return false;
        }
        if (!server.claimSlot(this)) { // another client logged in meanwhile and took the last slot
            fatal("53300", "sorry, too many clients already");
            return false;
        }
        loggedIn = true;
        reader.loggedIn(server.config().maxMessage());
        pgDatabase = database;
        boolean asPublic = PgDatabases.meansPublic(database, user) && !database.equals(user);
        try {
            try {
                session = server.engine().openSession(new SessionOptions(id, user, host, asPublic ? null : database));
            } catch (SqlException e) {
                // psql's default database is the user's name: schema public when no such database exists
                if (e.errorCode() != 1049 || !database.equals(user)) throw e;
                asPublic = true;
                session = server.engine().openSession(new SessionOptions(id, user, host, null));
            }
        } catch (SqlException e) {
            if (e.errorCode() == 1049) {
                fatal("3D000", "database \"" + database + "\" does not exist");
            } else {
                fatal(PgErrors.of(e, null).code(), e.getMessage());
            }
            return false;
        }
        session.onKill(this::forceClose);
        session.setPostgresOperators(true); // date + integer is a date here, as in PostgreSQL
        if (asPublic) usePublic();
        try {
            // PostgreSQL's lexical rules where MySQL has a mode for them
            PgSettings.run(session, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES,PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES')");
        } catch (SqlException e) {
            LOG.log(System.Logger.Level.DEBUG, "sql_mode for pg session: {0}", e.getMessage());
        }
        settings = new PgSettings(PgSettings.SERVER_VERSION, user);
        settings.tls(server.tls() != null, tlsLibrary != null ? tlsLibrary : server.tlsLibrary());
        for (var e : params.entrySet()) {
            if (e.getKey().equals("options")) applyOptions(e.getValue());
            else if (!e.getKey().equals("user") && !e.getKey().equals("database") && !e.getKey().equals("replication")) {
                try {
                    settings.startup(e.getKey(), e.getValue(), session);
                } catch (SqlException ignored) {
                    // an unusable start-up setting is not worth refusing the login
                }
            }
        }
        PgAuthenticator.sendOk(writer);
        settings.reported().forEach(this::parameterStatus);
        writer.begin('K').int32(id).int32(secret).end();
        ready();
        return true;
    }

    /** After repeated failures of this user from this address: wait (connection_control's growing delays). */
    private void holdBackAfterFailures(dev.basalt.engine.api.LoginThrottle throttle, String user, String address)
            throws IOException {
        long delay = throttle.delayMillis(user, address);
        if (delay <= 0) return;
        loginDelayNanos += java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(delay);
        LOG.log(System.Logger.Level.INFO, "pg connection {0}: delaying login of ''{1}''@''{2}'' by {3} ms after failed attempts",
                Integer.toString(id), user, address, Long.toString(delay));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("login delay interrupted");
        }
    }

    /** Schema public: the Basalt database "public", made on first use. */
    private void usePublic() {
        try {
            session.useDatabase(PgDatabases.PUBLIC);
        } catch (SqlException e) {
            try {
                PgSettings.run(session, "CREATE DATABASE IF NOT EXISTS " + PgDatabases.PUBLIC);
                session.useDatabase(PgDatabases.PUBLIC);
            } catch (SqlException again) {
                LOG.log(System.Logger.Level.INFO, "pg connection {0}: no schema public: {1}", id, again.getMessage());
            }
        }
    }

    /** The "options" start-up parameter: "-c name=value" pairs (psql's PGOPTIONS). */
    private void applyOptions(String options) {
        String[] parts = options.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            String assignment = p.equals("-c") && i + 1 < parts.length ? parts[++i] : p.startsWith("--") ? p.substring(2) : null;
            if (assignment == null) continue;
            int eq = assignment.indexOf('=');
            if (eq > 0) {
                try {
                    settings.startup(assignment.substring(0, eq), assignment.substring(eq + 1), session);
                } catch (SqlException ignored) {
                    // as above
                }
            }
        }
    }

    // ---- messages ----

    private void loop() throws IOException {
        while (true) {
            state.set(IDLE);
            MessageReader.Message m = reader.read();
            if (m.type() == -1) return;
            if (!state.compareAndSet(IDLE, BUSY)) return;
            int type = m.type();
            if (type == 'X') {
                closeTlsOutbound();
                return;
            }
            if (skipToSync && type != 'S') continue; // after an error, everything up to Sync is discarded
            MessageBody body = m.body();
            try {
                switch (type) {
                    case 'Q' -> {
                        currentSql = null;
                        simpleQuery(body.cstring());
                        ready();
                    }
                    case 'P' -> parse(body);
                    case 'B' -> bind(body);
                    case 'D' -> describe(body);
                    case 'E' -> execute(body);
                    case 'C' -> close(body);
                    case 'H' -> writer.flush();
                    case 'd', 'c', 'f' -> { } // the rest of a COPY that failed: ignored, as PostgreSQL does
                    case 'S' -> {
                        skipToSync = false;
                        ready();
                    }
                    default -> throw new MalformedMessageException("invalid frontend message type " + type);
                }
            } catch (SqlException | PgException e) {
                error(e, currentSql, 0);
                if (type == 'Q') ready();
                else skipToSync = true;
            } catch (dev.basalt.sql.ParseException e) {
                // refused by the PostgreSQL-to-MySQL translation (casts nested too deeply) before the engine saw it
                closeOpenPortal();
                error(e.tooDeep() ? STACK_OVERRUN : new SqlException(1064, "42000", e.getMessage()), currentSql, 0);
                if (type == 'Q') ready();
                else skipToSync = true;
            } catch (OutOfMemoryError | StackOverflowError e) {
                // what the statement allocated (or nested) is gone once the stack unwinds: it fails
                // alone and the connection goes on, as on the MySQL port (a thread dying here took
                // other threads of the process with it while the heap was full)
                LOG.log(System.Logger.Level.ERROR, "pg connection {0}: {1} in a statement; it failed", id, e.toString());
                closeOpenPortal();
                error(e instanceof OutOfMemoryError ? new SqlException(ErrorCode.ER_OUT_OF_RESOURCES) : STACK_OVERRUN, currentSql, 0);
                if (type == 'Q') ready();
                else skipToSync = true;
            } catch (RuntimeException e) {
                // a bug of ours, not the client's: report it, keep the connection (as the MySQL side does)
                LOG.log(System.Logger.Level.WARNING, "pg connection " + id + ": internal error", e);
                closeOpenPortal();
                PgErrors.write(writer, 'E', PgErrors.Fields.error("XX000", "internal error: " + e));
                if (type == 'Q') ready();
                else skipToSync = true;
            }
            if (type == 'Q' || type == 'S' || writer.pending() > 64 * 1024) writer.flush();
        }
    }

    private static final SqlException STACK_OVERRUN = new SqlException(ErrorCode.ER_STACK_OVERRUN.code(),
            ErrorCode.ER_STACK_OVERRUN.sqlState(), "Thread stack overrun: the statement is nested too deeply");

    private void simpleQuery(String sql) throws IOException {
        List<String> parts = PgSqlText.split(sql);
        if (parts.isEmpty()) {
            writer.begin('I').end();
            return;
        }
        for (String statement : parts) {
            if (PgCopyCommand.isCopy(statement)) {
                try {
                    copy(statement);
                } catch (SqlException | PgException e) {
                    if (session.inTransaction()) failedTransaction = true;
                    error(e, statement, Math.max(sql.indexOf(statement), 0));
                    return;
                }
                continue;
            }
            Portal p = new Portal(new Statement(statement, null, new int[0], 0, new int[0], null), new Object[0], new int[0]);
            try {
                start(p);
                if (p.columns != null) rowDescription(p);
                sendRows(p, 0);
            } catch (SqlException e) {
                // PostgreSQL counts the position from the start of the whole query string
                error(e, statement, Math.max(sql.indexOf(statement), 0));
                return;
            }
        }
    }

    /** COPY FROM STDIN / TO STDOUT (simple query only, as psql, psycopg2 and pgbench send it). */
    private void copy(String sql) throws IOException {
        closeOpenPortal();
        currentSql = sql;
        if (failedTransaction) throw PgException.inFailedTransaction();
        PgCopyCommand c = PgCopyCommand.parse(sql);
        PgCopy copy = new PgCopy(session, reader, writer);
        long n = c.in() ? copy.copyIn(c) : copy.copyOut(c);
        writer.begin('C').cstring("COPY " + n).end();
    }

    private void parse(MessageBody body) throws IOException {
        String name = body.cstring();
        String sql = body.cstring();
        currentSql = sql;
        int n = body.count16();
        int[] types = new int[n];
        for (int i = 0; i < n; i++) types[i] = body.int32();
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgException("42P05", "prepared statement \"" + name + "\" already exists");
        }
        if (PgCopyCommand.isCopy(sql)) throw new PgException("0A000", "COPY is supported in a simple query only");
        sql = PgDialect.expandDistinctOnStar(sql, t -> PgTableColumns.of(session, t));
        PgConflictTarget.check(session, sql);
        // catalog queries (arrays and all) are answered here, never translated
        boolean catalog = PgCatalogQueries.handles(sql);
        if (!catalog && PgDialect.unsupported(sql) != null) throw new PgException("0A000", PgDialect.unsupported(sql));
        PgDialect.Translation r = PgDialect.translate(PgFunctions.rewrite(sql, pgDatabase, session.database()));
        PgDialect.Returning returning = PgDialect.returning(r.sql());
        PreparedStatementHandle handle = null;
        if (!PgCommands.isDirect(sql) && !PgSqlText.isBlank(sql) && !catalog) {
            closeOpenPortal();
            try {
                handle = session.prepare(returning != null ? returning.statement() : r.sql());
            } catch (SqlException e) {
                // statements MySQL cannot prepare (1295) run as text when they take no parameters
                if (e.errorCode() != 1295 || r.parameterCount() > 0) throw e;
            }
        } else if (r.parameterCount() > 0 && !catalog) {
            throw new PgException("0A000", "parameters are not supported in this statement");
        }
        Statement old = statements.put(name, new Statement(sql, handle, r.parameterOrder(), r.parameterCount(), types, returning));
        if (old != null && old.handle() != null) session.closePrepared(old.handle());
        writer.begin('1').end();
    }

    /** The columns INSERT ... RETURNING will send, from a prepared (never run) SELECT of them. */
    private List<ColumnInfo> returningColumns(PgDialect.Returning r) {
        if (r.table() == null) return List.of();
        PreparedStatementHandle probe = session.prepare("SELECT " + r.columns() + " FROM " + r.table() + " WHERE FALSE");
        try {
            return probe.columns();
        } finally {
            session.closePrepared(probe);
        }
    }

    private void bind(MessageBody body) throws IOException {
        // the whole message is read before it is judged: a truncated one is a protocol violation
        String portalName = body.cstring();
        String statementName = body.cstring();
        int nf = body.count16();
        int[] formats = new int[nf];
        for (int i = 0; i < nf; i++) formats[i] = body.int16();
        int nv = body.count16();
        byte[][] raw = new byte[nv][];
        for (int i = 0; i < nv; i++) {
            int len = body.int32();
            raw[i] = len == -1 ? null : body.bytes(len);
        }
        int nr = body.count16();
        int[] resultFormats = new int[nr];
        for (int i = 0; i < nr; i++) resultFormats[i] = body.int16();
        Statement s = statements.get(statementName);
        if (s == null) throw new PgException("26000", "prepared statement \"" + statementName + "\" does not exist");
        if (nv != s.parameterCount()) {
            throw new PgException("08P01", "bind message supplies " + nv + " parameters, but prepared statement \""
                    + statementName + "\" requires " + s.parameterCount());
        }
        Object[] values = new Object[nv];
        for (int i = 0; i < nv; i++) {
            int format = nf == 0 ? 0 : nf == 1 ? formats[0] : i < nf ? formats[i] : 0;
            int oid = i < s.types().length ? s.types()[i] : 0;
            values[i] = PgTypes.parameter(raw[i], oid, format == 1, oid == PgTypes.TIMESTAMPTZ ? sessionZone() : null);
        }
        Object[] ordered = new Object[s.order().length];
        for (int i = 0; i < ordered.length; i++) ordered[i] = values[s.order()[i]];
        Portal p = new Portal(s, ordered, resultFormats);
        Portal old = portals.put(portalName, p);
        if (old != null && old == open) closeOpenPortal();
        writer.begin('2').end();
    }

    private void describe(MessageBody body) throws IOException {
        int kind = body.int8();
        String name = body.cstring();
        if (kind == 'S') {
            Statement s = statements.get(name);
            if (s == null) throw new PgException("26000", "prepared statement \"" + name + "\" does not exist");
            writer.begin('t').int16(s.parameterCount());
            for (int i = 0; i < s.parameterCount(); i++) {
                int oid = i < s.types().length ? s.types()[i] : 0;
                writer.int32(oid == 0 ? PgTypes.TEXT : oid);
            }
            writer.end();
            List<ColumnInfo> columns = s.returning() != null ? returningColumns(s.returning())
                    : s.handle() != null ? s.handle().columns()
                    : PgCatalogQueries.handles(s.sql()) ? catalogColumns(s) : List.of();
            if (columns.isEmpty() && s.handle() == null && PgSqlText.firstWord(s.sql()).equals("SHOW")) {
                writer.begin('T').int16(1);
                field(PgSqlText.words(s.sql(), 2).getLast().toLowerCase(java.util.Locale.ROOT), PgTypes.TEXT, 0);
                writer.end();
            } else if (columns.isEmpty()) {
                writer.begin('n').end();
            } else {
                Portal probe = new Portal(s, null, new int[0]);
                probe.columns = columns;
                rowDescription(probe);
            }
        } else if (kind == 'P') {
            Portal p = portals.get(name);
            if (p == null) throw new PgException("34000", "portal \"" + name + "\" does not exist");
            if (!p.started && p.statement.handle() != null && p.statement.handle().columns().isEmpty()
                    && p.statement.returning() == null && !PgCommands.mayReturnRows(p.statement.sql())) {
                writer.begin('n').end(); // known not to return rows: no need to run it before Execute
                return;
            }
            // Rows: run it now, so the description is that of the real result (Execute follows)
            start(p);
            if (p.columns != null) rowDescription(p);
            else writer.begin('n').end();
        } else {
            throw new MalformedMessageException("invalid DESCRIBE message subtype " + kind);
        }
    }

    private void execute(MessageBody body) throws IOException {
        String name = body.cstring();
        int limit = body.int32();
        Portal p = portals.get(name);
        if (p == null) throw new PgException("34000", "portal \"" + name + "\" does not exist");
        if (p.statement.sql().isBlank() || PgSqlText.isBlank(p.statement.sql())) {
            writer.begin('I').end();
            return;
        }
        start(p);
        sendRows(p, limit);
    }

    private void close(MessageBody body) throws IOException {
        int kind = body.int8();
        String name = body.cstring();
        if (kind == 'S') {
            Statement s = statements.remove(name);
            if (s != null && s.handle() != null) session.closePrepared(s.handle());
        } else if (kind == 'P') {
            Portal p = portals.remove(name);
            if (p != null && p == open) closeOpenPortal();
        } else {
            throw new MalformedMessageException("invalid CLOSE message subtype " + kind);
        }
        writer.begin('3').end();
    }

    // ---- running statements ----

    /** Runs the portal's statement once (Describe or the first Execute); its rows stay open for Execute. */
    private void start(Portal p) {
        if (p.started) return;
        p.started = true;
        closeOpenPortal();
        String sql = p.statement.sql();
        currentSql = sql;
        try {
            if (failedTransaction) {
                switch (PgSqlText.firstWord(sql)) {
                    case "ROLLBACK", "ABORT", "COMMIT", "END" -> {
                        boolean toSavepoint = PgSqlText.words(sql, 2).contains("TO") || sql.toUpperCase().contains(" TO ");
                        PgSettings.run(session, toSavepoint ? PgDialect.translate(sql).sql() : "ROLLBACK");
                        failedTransaction = false;
                        p.tag = "ROLLBACK";
                        return;
                    }
                    default -> throw PgException.inFailedTransaction();
                }
            }
            if (p.statement.handle() == null && PgCatalogQueries.handles(sql)) {
                answerCatalogQuery(p);
                return;
            }
            if (p.statement.handle() == null && transactionNoOp(sql, p)) return;
            PgUtility.Outcome utility = p.statement.handle() == null ? PgUtility.run(session, sql) : null;
            if (utility != null && utility.tag() != null) {
                p.tag = utility.tag();
                return;
            }
            if (utility != null) sql = utility.sql();
            PgSettings.Outcome local = p.statement.handle() == null ? settings.handle(sql, session) : null;
            if (local != null) {
                p.local = local;
                p.tag = local.tag();
                if (local.column() != null) {
                    p.columns = List.of(ColumnInfo.expression(local.column(), SqlType.LONGTEXT, true));
                    p.oids = new int[] {PgTypes.TEXT};
                }
                if (local.changed() != null) parameterStatus(local.changed(), settings.get(local.changed()));
                return;
            }
            // a simple-protocol statement of a shape that is known to pass through unchanged skips
            // the dialect's checks and translation below (PgPlainShapes)
            String shape = p.statement.handle() == null ? PgPlainShapes.shape(sql) : null;
            if (PgPlainShapes.known(shape)) {
                runPlain(p, sql);
                return;
            }
            String original = sql;
            if (p.statement.handle() == null) sql = PgDialect.expandDistinctOnStar(sql, t -> PgTableColumns.of(session, t));
            if (p.statement.handle() == null && PgDialect.unsupported(sql) != null) {
                throw new PgException("0A000", PgDialect.unsupported(sql));
            }
            dev.basalt.sql.postgres.PgOnConflict.Conflict conflict = p.statement.handle() == null
                    ? PgConflictTarget.check(session, sql)
                    : PgConflictTarget.mentions(sql) ? dev.basalt.sql.postgres.PgOnConflict.of(sql) : null;
            PgDialect.Returning returning = p.statement.returning() != null ? p.statement.returning()
                    : p.statement.handle() == null && mentionsReturning(sql) ? PgDialect.returning(PgDialect.translate(sql).sql()) : null;
            if (returning != null && conflict != null) {
                PgConflictReturning.run(session, p.statement.handle(), returning, conflict, p.parameters, p);
                return;
            }
            if (returning != null) {
                PgReturning.run(session, p.statement.handle(), returning, p.parameters, p);
                return;
            }
            Result result;
            if (p.statement.handle() != null) {
                result = PgCommands.single(session.executePrepared(p.statement.handle(), p.parameters));
            } else {
                String translated = PgCommands.translate(session, PgFunctions.rewrite(sql, pgDatabase, session.database()));
                if (shape != null && conflict == null && returning == null && translated.equals(original)) {
                    PgPlainShapes.remember(shape);
                }
                result = PgCommands.single(session.execute(translated, false));
            }
            answer(p, sql, result, conflict);
        } catch (SqlException | PgException e) {
            p.done = true;
            if (session.inTransaction()) failedTransaction = true;
            throw e;
        }
    }

    /** A statement that needs no translation (its shape is in {@link PgPlainShapes}), run as it is. */
    private void runPlain(Portal p, String sql) {
        answer(p, sql, PgCommands.single(session.execute(sql, false)), null);
    }

    /** The portal's columns and open cursor, or its command tag, from the statement's result. */
    private void answer(Portal p, String sql, Result result, dev.basalt.sql.postgres.PgOnConflict.Conflict conflict) {
        String word = PgSqlText.firstWord(sql);
        switch (result) {
            case Result.Rows rows -> {
                p.columns = rows.columns();
                p.oids = new int[p.columns.size()];
                for (int i = 0; i < p.oids.length; i++) p.oids[i] = PgTypes.oid(p.columns.get(i).type());
                p.cursor = rows.cursor();
                open = p;
                p.tag = word.equals("SHOW") ? "SHOW" : "SELECT";
            }
            case Result.Update u -> {
                p.tag = PgCommands.tag(sql, word, conflict != null ? PgConflictTarget.count(conflict, u) : u.affectedRows());
                notices();
            }
        }
    }

    /**
     * Whether the text has the word RETURNING anywhere: only then is a simple-protocol statement
     * translated a second time to look for the clause (a cheap test on every statement of, say,
     * pgbench's TPC-B script).
     */
    private static boolean mentionsReturning(String sql) {
        return PgText.containsIgnoreCase(sql, "RETURNING");
    }

    /** A query on pg_catalog (psql's \d, pgjdbc's DatabaseMetaData): computed here, served like a cursor's rows. */
    /**
     * The columns a catalog query will answer with, for Describe of the statement before any Bind
     * (pgjdbc with prepareThreshold=-1 reads them there): answered with NULL parameters, which
     * change the rows but not the columns.
     */
    private List<ColumnInfo> catalogColumns(Statement s) {
        try {
            return PgCatalogQueries.answer(s.sql(), new Object[s.parameterCount()],
                    new PgCatalogData(session, catalogOids, settings.all()), pgDatabase).columns();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "describing a catalog query: {0}", e.toString());
            return List.of();
        }
    }

    private void answerCatalogQuery(Portal p) {
        Object[] byNumber = new Object[p.statement.parameterCount()];
        for (int i = 0; i < p.parameters.length && i < p.statement.order().length; i++) {
            int n = p.statement.order()[i];
            if (n < byNumber.length) byNumber[n] = p.parameters[i];
        }
        PgCatalogQueries.Answer a = PgCatalogQueries.answer(p.statement.sql(), byNumber,
                new PgCatalogData(session, catalogOids, settings.all()), pgDatabase);
        List<Object[]> rows = new java.util.ArrayList<>(a.rows().size());
        for (Object[] row : a.rows()) {
            Object[] r = row.clone();
            for (int i = 0; i < r.length; i++) {
                if (r[i] instanceof Integer n) r[i] = n.longValue();
                else if (r[i] instanceof Boolean b) r[i] = b ? 1L : 0L;
            }
            rows.add(r);
        }
        p.buffered(a.columns(), rows, "SELECT " + rows.size());
    }

    /**
     * PostgreSQL's rules where MySQL's differ: BEGIN inside a transaction only warns (MySQL would
     * commit it), COMMIT or ROLLBACK outside one only warns.
     */
    private boolean transactionNoOp(String sql, Portal p) {
        String first = PgSqlText.firstWord(sql);
        boolean begin = first.equals("BEGIN") || first.equals("START") && PgSqlText.words(sql, 2).equals(List.of("START", "TRANSACTION"));
        boolean end = (first.equals("COMMIT") || first.equals("END") || first.equals("ROLLBACK") || first.equals("ABORT"))
                && !PgText.containsIgnoreCase(sql, " TO ") && !PgText.containsIgnoreCase(sql, "CHAIN");
        if (begin && session.inTransaction()) {
            PgErrors.write(writer, 'N', new PgErrors.Fields("WARNING", "25001", "there is already a transaction in progress", null, 0));
            p.tag = "BEGIN";
            return true;
        }
        if (end && !session.inTransaction()) {
            PgErrors.write(writer, 'N', new PgErrors.Fields("WARNING", "25P01", "there is no transaction in progress", null, 0));
            p.tag = first.equals("COMMIT") || first.equals("END") ? "COMMIT" : "ROLLBACK";
            return true;
        }
        return false;
    }

    /** DataRows up to {@code limit} (0: all), then PortalSuspended or CommandComplete. */
    private void sendRows(Portal p, int limit) throws IOException {
        if (p.local != null && p.columns != null && !p.done) {
            dataRow(new Object[] {p.local.value()}, p);
            p.rows = 1;
        } else if (p.cursor != null && !p.done) {
            int sent = 0;
            try {
                while (limit <= 0 || sent < limit) {
                    Object[] row = p.cursor.next();
                    if (row == null) break;
                    dataRow(row, p);
                    p.rows++;
                    sent++;
                    if (writer.pending() > 64 * 1024) writer.flush();
                }
            } catch (SqlException e) {
                closeOpenPortal();
                p.done = true;
                if (session.inTransaction()) failedTransaction = true;
                throw e;
            }
            if (limit > 0 && sent == limit) {
                writer.begin('s').end();
                return;
            }
            closeOpenPortal();
            p.done = true;
            writer.begin('C').cstring(p.tagComplete ? p.tag : p.tag + " " + p.rows).end();
            notices();
            return;
        }
        p.done = true;
        writer.begin('C').cstring(p.tag.equals("SHOW") || p.columns == null ? p.tag : p.tag + " " + p.rows).end();
    }

    private java.time.ZoneId zone;
    private long zoneVersion = Long.MIN_VALUE;

    /** The session's time_zone (SET TIME ZONE sets it), which timestamptz values are shown in; read again after a SET. */
    private java.time.ZoneId sessionZone() {
        long version = session.variablesVersion();
        if (zone == null || version != zoneVersion || version == -1) {
            java.time.ZoneId z = dev.basalt.engine.time.TimeZones.parse(session.systemVariable("time_zone"));
            zone = z == null ? java.time.ZoneId.systemDefault() : z;
            zoneVersion = version;
        }
        return zone;
    }

    private void dataRow(Object[] row, Portal p) {
        // every value is encoded before the message begins: a failure cannot leave half a DataRow
        byte[][] values = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            Object v = PgTypes.normalize(row[i]);
            if (v == null) continue;
            SqlType type = p.columns.get(i).type();
            if (p.oids[i] == PgTypes.TIMESTAMPTZ) values[i] = PgTypes.timestamptz(v, type, sessionZone(), format(p, i) == 1);
            else values[i] = format(p, i) == 1 ? PgTypes.binary(v, type, p.oids[i]) : PgTypes.text(v, type, p.oids[i]);
        }
        writer.begin('D').int16(row.length);
        for (byte[] v : values) {
            if (v == null) writer.int32(-1);
            else writer.int32(v.length).bytes(v);
        }
        writer.end();
    }

    private static int format(Portal p, int column) {
        int[] f = p.resultFormats;
        int requested = f.length == 0 ? 0 : f.length == 1 ? f[0] : column < f.length ? f[column] : 0;
        return requested == 1 && PgTypes.hasBinary(p.oids[column]) ? 1 : 0;
    }

    private void rowDescription(Portal p) {
        if (p.oids == null) {
            p.oids = new int[p.columns.size()];
            for (int i = 0; i < p.oids.length; i++) p.oids[i] = PgTypes.oid(p.columns.get(i).type());
        }
        writer.begin('T').int16(p.columns.size());
        for (int i = 0; i < p.columns.size(); i++) field(PgColumnNames.of(p.columns.get(i)), p.oids[i], format(p, i));
        writer.end();
    }

    private void field(String name, int oid, int format) {
        writer.cstring(name).int32(0).int16(0).int32(oid).int16(PgTypes.size(oid)).int32(-1).int16(format);
    }

    private void closeOpenPortal() {
        Portal p = open;
        if (p == null) return;
        open = null;
        p.done = true;
        try {
            p.cursor.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing cursor: {0}", e.toString());
        }
    }

    /** The engine's warnings of the last statement as NoticeResponses. */
    private void notices() {
        if (session.warningCount() == 0) return;
        try {
            StatementResults r = session.execute("SHOW WARNINGS", false);
            if (r.next() instanceof Result.Rows rows) {
                try (RowCursor c = rows.cursor()) {
                    Object[] row;
                    while ((row = c.next()) != null) {
                        String level = String.valueOf(row[0]);
                        PgErrors.write(writer, 'N', new PgErrors.Fields(level.equalsIgnoreCase("Note") ? "NOTICE" : "WARNING",
                                "01000", String.valueOf(row[2]), "MySQL warning " + row[1], 0));
                    }
                }
            }
        } catch (SqlException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading warnings: {0}", e.getMessage());
        }
    }

    // ---- replies ----

    private void ready() throws IOException {
        char status = failedTransaction ? 'E' : session != null && session.inTransaction() ? 'T' : 'I';
        writer.begin('Z').int8(status).end();
        writer.flush();
    }

    private void parameterStatus(String name, String value) {
        writer.begin('S').cstring(name).cstring(value == null ? "" : value).end();
    }

    private void error(RuntimeException e, String sql, int offset) {
        PgErrors.Fields f = e instanceof PgException pe ? pe.fields : PgErrors.of((SqlException) e, sql);
        if (f.position() > 0 && offset > 0) {
            f = new PgErrors.Fields(f.severity(), f.code(), f.message(), f.detail(), f.position() + offset);
        }
        PgErrors.write(writer, 'E', f);
    }

    private void fatal(String code, String message) throws IOException {
        PgErrors.write(writer, 'E', PgErrors.Fields.fatal(code, message));
        writer.flush();
    }

    private void fatalQuietly(String code, String message) {
        try {
            if (writer != null) fatal(code, message);
        } catch (IOException | RuntimeException ignored) {
            // the connection is going anyway
        }
    }

    // ---- lifecycle ----

    /** CancelRequest: best effort, ends the statement running on this backend, if the engine allows. */
    void cancel() {
        if (state.get() != BUSY || session == null) return;
        try (Session killer = server.engine().openSession(new SessionOptions(0, session.user(), "localhost", null))) {
            PgSettings.run(killer, "KILL QUERY " + id);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cancel of {0}: {1}", id, e.toString());
        }
    }

    void closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSED)) closeSocket();
    }

    void forceClose() {
        state.set(CLOSED);
        closeSocket();
    }

    private void closeSession() {
        Session s = session;
        if (s == null) return;
        closeOpenPortal();
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pg connection " + id + ": error closing session", e);
        }
        session = null;
    }

    private javax.net.ssl.SSLSession tlsSession() { return tlsLayer == null ? null : tlsLayer.session(); }

    /** On Terminate: TLS close_notify before the socket closes, so the client sees an orderly end. */
    private void closeTlsOutbound() {
        if (tlsLayer == null) return;
        try {
            writer.flush();
            tlsLayer.closeOutbound();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static String hostText(java.net.InetAddress address) {
        return address.isLoopbackAddress() ? "localhost" : address.getHostAddress();
    }
}
