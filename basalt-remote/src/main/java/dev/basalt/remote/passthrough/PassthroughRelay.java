package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.protocol.ServerStatus;
import dev.basalt.mysql.relay.ClientPackets;
import dev.basalt.mysql.relay.CommandRelay;
import dev.basalt.mysql.relay.RelayLostException;
import dev.basalt.remote.cache.CacheKey;
import dev.basalt.remote.cache.ResultCache;
import dev.basalt.remote.cache.StatementAnalysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One client's commands, forwarded to its own backend connection (pinned for the whole client
 * session unless multiplexing, see {@link MultiplexRules}, so every piece of session state — database, variables, transaction, prepared
 * statements, temporary tables, LAST_INSERT_ID — lives on the fronted server exactly as with a
 * direct connection). Responses are relayed without being decoded. With a result cache, reads
 * are answered from it when possible and writes invalidate it (see {@link RemoteCache}).
 */
final class PassthroughRelay implements CommandRelay, LoopCommands {
    private static final int COM_INIT_DB = 0x02, COM_QUERY = 0x03, COM_FIELD_LIST = 0x04, COM_STATISTICS = 0x09,
            COM_PROCESS_INFO = 0x0a, COM_PROCESS_KILL = 0x0c, COM_DEBUG = 0x0d, COM_PING = 0x0e,
            COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17, COM_STMT_SEND_LONG_DATA = 0x18, COM_STMT_CLOSE = 0x19,
            COM_STMT_RESET = 0x1a, COM_SET_OPTION = 0x1b, COM_STMT_FETCH = 0x1c, COM_RESET_CONNECTION = 0x1f;
    private static final int ER_UNKNOWN_COM = 1047;
    /** Key bits telling text results from binary ones. */
    private static final int TEXT = 1 << 20, BINARY = 1 << 21, MARIADB_TYPES = 1 << 28;

    private final Passthrough owner;
    private final long connectionId;
    private final RemoteCache cache;
    /** The login settings this client's backends must have (its database included). */
    private Backend.Key key;
    /** Multiplexing: session state lives on the current backend, which the client keeps to the end. */
    private boolean pinned;
    /** The current command went to the backend (set by {@link #forward}), and its final status. */
    private boolean forwarded;
    private int lastStatus;
    /** Multiplexing: the SETs this session ran (replayed when it moves to another backend). */
    private List<String> settings = List.of();
    private static final int MAX_SETTINGS = 32;
    /**
     * Commands after one that generated a LAST_INSERT_ID for which the backend is kept, so that a
     * following LAST_INSERT_ID() finds it (ProxySQL's auto_increment_delay_multiplex, same default).
     */
    private static final int INSERT_ID_HOLD = 5;
    private int holdFor;
    /** BEGIN ran and no COMMIT/ROLLBACK since: MariaDB's OK to BEGIN does not yet say IN_TRANS. */
    private boolean explicitTransaction;
    private final SessionState session;
    /** Multiplexing: the client's prepared statements, by the ids Basalt gave it; null otherwise. */
    private final MovableStatements statements;
    /** The id the client got for the statement prepared last (Basalt's when multiplexing, else the server's). */
    private long lastPreparedId;
    /** max_execution_time kept by Basalt when the remote lacks it (MariaDB); null otherwise. */
    private final ExecutionTimeLimit timeLimit;
    private final StatementTimer timer;
    private Backend backend;
    /** The client's further packets during the current command. */
    private ClientPackets more;
    /** The command last answered from the cache, while the remote has not run anything since. */
    private byte[] lastHit;
    /** Statements about the previous statement's outcome (see {@link #rerunLastHit}). */
    private static final java.util.regex.Pattern DIAGNOSTICS = java.util.regex.Pattern.compile(
            "\\b(WARNINGS|ERRORS|FOUND_ROWS|ROW_COUNT|DIAGNOSTICS|WARNING_COUNT|ERROR_COUNT)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    PassthroughRelay(Passthrough owner, RemoteCache cache, Backend backend, long connectionId) {
        this.owner = owner;
        this.connectionId = connectionId;
        this.cache = cache;
        this.key = backend.key;
        this.backend = backend;
        this.session = new SessionState(backend.key.database(), backend.key.charset(),
                cache == null ? () -> 0 : cache.globalSettings::get);
        boolean limits = ExecutionTimeLimit.needed(backend.greeting.serverVersion());
        this.timeLimit = limits ? new ExecutionTimeLimit() : null;
        this.timer = limits ? new StatementTimer(owner::killQuery) : null;
        this.statements = owner.shared() == null ? null : new MovableStatements();
        this.netWriteTimeoutSeconds = owner.netWriteTimeoutSeconds;
    }

    /**
     * One client command. Multiplexing: a client holds a backend only while it has to (see
     * {@link #afterCommand}); between statements another client may use it.
     */
    @Override
    public boolean handle(Payload command, PacketWriter client, ClientPackets more) throws IOException {
        NetWriteTimeout.Setting writeTimeout = command.peek() == COM_QUERY
                ? NetWriteTimeout.parse(command.array(), command.position() + 1, command.position() + command.remaining()) : null;
        forwarded = false;
        boolean answered = handleCommand(command, client, more);
        if (writeTimeout != null && forwarded && lastStatus != ResponseRelay.FAILED) {
            if (writeTimeout.global()) owner.netWriteTimeoutSeconds = writeTimeout.seconds(); // new sessions', as MySQL
            else netWriteTimeoutSeconds = writeTimeout.seconds();
        }
        return answered;
    }

    /** net_write_timeout of this session on the remote, in seconds (see {@link NetWriteTimeout}). */
    private long netWriteTimeoutSeconds;

    @Override
    public long writeTimeoutNanos() { return netWriteTimeoutSeconds * 1_000_000_000L; }

    private boolean handleCommand(Payload command, PacketWriter client, ClientPackets more) throws IOException {
        if (owner.shared() == null) return command(command, client, more);
        boolean borrowedNow = backend == null;
        if (borrowedNow) backend = owner.shared().borrow(new SharedBackends.Shape(key, settings), Map.of());
        // judged before forwarding: LOAD DATA LOCAL may reuse the command's buffer for the file
        MultiplexRules.Effect effect = pinned ? MultiplexRules.Effect.PIN
                : MultiplexRules.effect(command.array(), command.position(), command.remaining());
        if (effect == MultiplexRules.Effect.SHARE && command.peek() == COM_STMT_EXECUTE && command.remaining() >= 5) {
            SessionState.Prepared p = session.prepared.get(statementId(command.array(), command.position()));
            if (p != null) effect = p.onExecute; // a prepared BEGIN holds the backend as a text one does
        }
        String set = effect == MultiplexRules.Effect.REPLAY
                ? new String(command.array(), command.position() + 1, command.remaining() - 1, StandardCharsets.UTF_8) : null;
        forwarded = false;
        boolean answered = command(command, client, more);
        if (set != null && forwarded && lastStatus != ResponseRelay.FAILED) {
            List<String> grown = new java.util.ArrayList<>(settings);
            grown.add(set);
            settings = List.copyOf(grown);
        }
        if (forwarded && lastStatus != ResponseRelay.FAILED) {
            if (effect == MultiplexRules.Effect.BEGIN) explicitTransaction = true;
            else if (effect == MultiplexRules.Effect.END) explicitTransaction = false;
        }
        afterCommand(effect == MultiplexRules.Effect.PIN || settings.size() > MAX_SETTINGS, borrowedNow);
        return answered;
    }

    /**
     * Keeps the backend when the command left session state on it (pinned for good), while a
     * transaction is open or autocommit is off, for one more statement after warnings (SHOW
     * WARNINGS must find them) and for five after a generated LAST_INSERT_ID; gives it back otherwise.
     */
    private void afterCommand(boolean pins, boolean borrowedNow) {
        Backend b = backend;
        if (b == null || pinned) return;
        if (forwarded) {
            if (pins || session.temporaryTables) {
                pinned = true;
                return;
            }
            // only for inserts outside transactions (inside one the backend is kept to its end anyway):
            // refreshed by every transaction, a hold would keep a busy client's backend for ever
            if (b.relay.lastInsertId() != 0 && !explicitTransaction && !session.inTransaction()) {
                holdFor = INSERT_ID_HOLD + 1;
            }
            if (holdFor > 0 && --holdFor > 0) return;
            if (explicitTransaction || session.inTransaction() || (session.status & ServerStatus.AUTOCOMMIT) == 0
                    || b.relay.warnings() != 0) {
                return;
            }
        } else if (!borrowedNow) {
            return; // answered here (cache hit, KILL...): the backend stays as the last statement left it
        }
        backend = null;
        owner.shared().giveBack(b, settings);
    }

    /** Multiplexing, right after login: nothing is on the backend yet, another client may use it. */
    void giveBackIdle() {
        Backend b = backend;
        if (b == null || pinned) return;
        backend = null;
        owner.shared().giveBack(b, settings);
    }

    private boolean command(Payload command, PacketWriter client, ClientPackets more) throws IOException {
        this.more = more;
        int code = command.peek();
        if (!forwarded(code)) throw new SqlException(ER_UNKNOWN_COM, "08S01", "Unknown command");
        if (code == COM_STMT_EXECUTE && command.remaining() > 5) {
            // No server-side cursors: the whole result comes at once (as Basalt itself answers),
            // so COM_STMT_FETCH never has to be relayed into the middle of a cursor.
            command.array()[command.position() + 5] = 0;
        }
        byte[] packet = command.array();
        int at = command.position(), length = command.remaining();
        if (code == COM_PROCESS_KILL && length >= 5) {
            kill(new KillStatements.Target(ExecuteParameters.statementId(packet, at), false), client);
            return true;
        }
        if (code == COM_QUERY) {
            KillStatements.Target kill = KillStatements.parse(packet, at + 1, length - 1);
            if (kill != null) {
                kill(kill, client);
                return true;
            }
            if (timeLimit != null && timeLimit.set(packet, at + 1, length - 1)) {
                ok(client); // kept here: the remote has no such variable
                return true;
            }
        }
        if (statements != null && (code == COM_STMT_CLOSE || code == COM_STMT_SEND_LONG_DATA) && length >= 5
                && !session.prepared.containsKey(statementId(packet, at))) {
            return true; // no response to either, by protocol; nothing to do for an id it never got
        }
        if (statements != null && code == COM_STMT_CLOSE) {
            // the backend's statement stays there for the next client that prepares the same text
            long id = statementId(packet, at);
            session.prepared.remove(id);
            if (timeLimit != null) timeLimit.closed(id);
            return true;
        }
        if (code == COM_STMT_PREPARE && (statements != null || cache != null)) {
            prepare(command, client);
            return true;
        }
        if (cache == null) {
            forward(code, command, client, null);
            return true;
        }
        switch (code) {
            case COM_QUERY -> {
                byte[] sql = java.util.Arrays.copyOfRange(packet, at + 1, at + length);
                // A hit needs no parsing: only a cacheable statement's result can be under this key,
                // and the entry itself knows which tables it read.
                byte[] hit = session.mayUseCache() && cache.fresh() ? cache.results.get(cacheKey(sql, null, session.database, TEXT)) : null;
                if (hit != null) {
                    replay(hit, client, command);
                    return true;
                }
                if (lastHit != null && DIAGNOSTICS.matcher(new String(sql, StandardCharsets.UTF_8)).find()) {
                    rerunLastHit();
                }
                StatementAnalysis a = StatementAnalysis.of(new String(sql, StandardCharsets.UTF_8), session.database);
                if (a.basaltStatus()) return false;
                statement(code, command, client, a, sql, null, session.database, TEXT);
            }
            case COM_STMT_EXECUTE -> {
                SessionState.Prepared p = length >= 5 ? session.prepared.get(statementId(packet, at)) : null;
                if (p == null) {
                    forward(code, command, client, null); // the server answers for an unknown statement
                    return true;
                }
                byte[] parameters = p.longData ? null : ExecuteParameters.key(packet, at, length, p);
                p.longData = false;
                StatementAnalysis a = p.analysis;
                if (parameters == null && a.cacheable()) a = a.notCacheable();
                if (parameters == null && a.sessionChange()) session.untracked = true; // values unknown
                byte[] typed = ExecuteParameters.withTypes(packet, at, length, p);
                statement(code, typed == null ? command : new Payload(typed), client, a, p.sql, parameters, p.database, BINARY);
            }
            case COM_STMT_SEND_LONG_DATA -> {
                SessionState.Prepared p = length >= 5 ? session.prepared.get(statementId(packet, at)) : null;
                if (p != null) p.longData = true;
                forward(code, command, client, null);
            }
            case COM_STMT_CLOSE -> {
                if (length >= 5) session.prepared.remove(statementId(packet, at));
                forward(code, command, client, null);
            }
            case COM_INIT_DB -> {
                String db = new String(packet, at + 1, length - 1, StandardCharsets.UTF_8);
                if (forward(code, command, client, null) != ResponseRelay.FAILED) session.database = db;
            }
            case COM_RESET_CONNECTION -> {
                if (forward(code, command, client, null) != ResponseRelay.FAILED) session.reset();
                else session.untracked = true;
            }
            default -> forward(code, command, client, null);
        }
        return true;
    }

    /**
     * COM_STMT_PREPARE followed by the cache (the statement's analysis) or by multiplexing (its text,
     * to prepare it again on other backends under the id the client got).
     */
    private void prepare(Payload command, PacketWriter client) throws IOException {
        byte[] sql = java.util.Arrays.copyOfRange(command.array(), command.position() + 1,
                command.position() + command.remaining());
        MultiplexRules.Effect onExecute = statements == null ? MultiplexRules.Effect.PIN
                : MultiplexRules.executionEffect(command.array(), command.position(), command.remaining());
        Backend b = backend;
        if (forward(COM_STMT_PREPARE, command, client, null) == ResponseRelay.FAILED) return;
        StatementAnalysis a = cache == null ? null : StatementAnalysis.of(new String(sql, StandardCharsets.UTF_8), session.database);
        SessionState.Prepared p = new SessionState.Prepared(sql, a, session.database, b.relay.parameterCount());
        p.onExecute = onExecute;
        session.prepared.put(lastPreparedId, p);
        if (statements != null) MovableStatements.prepared(b, p, b.relay.statementId());
    }

    /** @param database the database the statement's unqualified names resolve in */
    private CacheKey cacheKey(byte[] sql, byte[] parameters, String database, int protocol) {
        return new CacheKey(sql, parameters, database, session.fingerprint,
                protocol | session.statusBits() | (key.capabilities() & Capabilities.DEPRECATE_EOF)
                        | (key.mariadbCapabilities() != 0 ? MARIADB_TYPES : 0));
    }

    /** Answers from the cache, remembering the command for {@link #rerunLastHit}. */
    private void replay(byte[] response, PacketWriter client, Payload command) throws IOException {
        client.framed(response, 0, response.length);
        lastHit = java.util.Arrays.copyOfRange(command.array(), command.position(), command.position() + command.remaining());
    }

    /**
     * Before a statement that asks about "the previous statement" (SHOW WARNINGS, FOUND_ROWS(),
     * ROW_COUNT(), GET DIAGNOSTICS...) when that one was answered from the cache: the remote runs
     * it now, its response discarded, so the answer is the one a direct connection would give.
     */
    private void rerunLastHit() throws IOException {
        byte[] command = lastHit;
        lastHit = null;
        Backend b = backend;
        SessionState.Prepared p = statements != null && namesStatement(command[0] & 0xFF) && command.length >= 5
                ? session.prepared.get(statementId(command, 0)) : null;
        if (statements != null && namesStatement(command[0] & 0xFF) && p == null) return; // closed since
        try {
            if (p != null && (command = MovableStatements.onBackend(b, p, command, 0, command.length)) == null) return;
            b.channel.writePacket(0, command, 0, command.length);
            b.relay.to(null, null, null).results();
        } catch (BackendFailure e) {
            backend = null;
            b.close();
            if (owner.shared() != null) owner.shared().lost();
            throw lost(e);
        }
    }

    private RelayLostException lost(BackendFailure e) {
        SqlException error = RemoteErrors.queryFailed("lost connection to " + owner.endpoint().address() + ": " + e.getMessage());
        return new RelayLostException(error.errorCode(), error.sqlState(), error.getMessage(), e);
    }

    /** KILL of a Basalt connection id: the remote kills that connection's backend thread. */
    private void kill(KillStatements.Target target, PacketWriter client) throws IOException {
        owner.kill(target);
        ok(client);
    }

    private void ok(PacketWriter client) throws IOException {
        client.begin().int1(0).int1(0).int1(0).int2(session.status).int2(0).send();
    }

    /** MySQL thread id of this client's backend connection, or -1 between backends. */
    long backendThreadId() {
        Backend b = backend;
        return b == null ? -1 : b.threadId();
    }

    /** A statement (text or prepared): from the cache, or forwarded with its effects applied. */
    private void statement(int code, Payload command, PacketWriter client, StatementAnalysis a, byte[] sql,
                           byte[] parameters, String database, int protocol) throws IOException {
        if (a.cacheable() && session.mayUseCache() && cache.allows(a)) {
            CacheKey k = cacheKey(sql, parameters, database, protocol);
            ResultCache<byte[]> results = cache.results;
            byte[] hit = results.get(k);
            if (hit == null) {
                ResultCache.Flight<byte[]> flight = results.begin(k, List.copyOf(a.reads()));
                hit = flight.shared();
                if (hit == null && flight.leads()) {
                    byte[] response = null;
                    try {
                        ResponseRecording recording = new ResponseRecording(results.maxEntryBytes());
                        int status = forward(code, command, client, recording);
                        if (status != ResponseRelay.FAILED && (status & ServerStatus.MORE_RESULTS_EXISTS) == 0
                                && backend.relay.warnings() == 0 && !recording.overflowed()) {
                            response = recording.toByteArray();
                        }
                    } finally {
                        results.finish(flight, response);
                    }
                    return;
                }
            }
            if (hit != null) {
                replay(hit, client, command);
                return;
            }
        }
        if (a.changesData()) cache.invalidate(a); // before: nothing read from now on is stored as current
        int status;
        try {
            status = forward(code, command, client, null);
        } finally {
            if (a.changesData()) {
                cache.invalidate(a); // after: nothing read while it ran stays current
                if (session.inTransaction()) {
                    session.uncommitted.addAll(a.writes());
                    session.uncommittedAll |= a.writesAll();
                }
            }
        }
        if (a.ddl()) cache.facts.invalidate();
        if (a.writesAll() && a.sessionChange()) cache.globalSettings.incrementAndGet();
        if (a.sessionChange()) session.settingsChanged(sql, parameters);
        if (a.temporary()) session.temporaryTables = true;
        if (a.useDatabase() != null) {
            if (status != ResponseRelay.FAILED) session.database = a.useDatabase();
            else session.untracked = true;
        }
    }

    /**
     * Sends the command and relays its response; returns the final status (or FAILED after an
     * ERR). Keeps the session's transaction status, and at the end of a transaction invalidates
     * what it wrote (now visible to everyone).
     */
    private int forward(int code, Payload command, PacketWriter client, ResponseRecording recording) throws IOException {
        Backend b = backend;
        int status;
        lastHit = null;
        forwarded = true;
        lastStatus = ResponseRelay.FAILED;
        long limit = timeLimit == null ? 0 : limitMillis(code, command);
        byte[] out = command.array();
        int from = command.position(), length = command.remaining();
        SessionState.Prepared named = null;
        if (statements != null && namesStatement(code) && length >= 5) {
            long id = statementId(out, from);
            named = session.prepared.get(id);
            if (named == null) throw MovableStatements.unknown(id, code == COM_STMT_EXECUTE ? "mysqld_stmt_execute"
                    : code == COM_STMT_FETCH ? "mysqld_stmt_fetch" : "mysqld_stmt_reset");
        }
        long clientId = statements != null && code == COM_STMT_PREPARE ? statements.nextClientId() : -1;
        try {
            if (named != null) {
                byte[] translated = MovableStatements.onBackend(b, named, out, from, length);
                if (translated == null) { // preparing it on this backend failed: the client gets the server's ERR
                    if (client != null) client.framed(b.channel.frame(), 0, b.channel.frameLength());
                    return ResponseRelay.FAILED;
                }
                out = translated;
                from = 0;
                length = translated.length;
            }
            if (limit > 0) timer.start(limit, b.threadId());
            b.channel.writePacket(0, out, from, length);
            ResponseRelay response = b.relay.to(client, recording, more).renumber(clientId);
            if (limit > 0) response.timeLimited(timer::fired);
            status = switch (code) {
                case COM_QUERY, COM_STMT_EXECUTE, COM_PROCESS_INFO -> response.results();
                case COM_STMT_FETCH -> response.rows();
                case COM_STMT_PREPARE -> response.prepared();
                case COM_FIELD_LIST -> response.fieldList();
                case COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA -> 0; // no response, by protocol
                default -> response.single();
            };
        } catch (BackendFailure e) {
            backend = null;
            b.close();
            if (owner.shared() != null) owner.shared().lost();
            endTransaction(); // whatever it wrote is committed or rolled back by now; be safe
            throw lost(e);
        } catch (IOException | RuntimeException e) {
            // The client failed (or the response was malformed) mid-response: the backend's
            // stream is out of step, so it can serve no one else.
            backend = null;
            b.close();
            if (owner.shared() != null) owner.shared().lost();
            endTransaction();
            throw e;
        } finally {
            if (limit > 0) timer.stop();
        }
        lastStatus = status;
        if (code == COM_STMT_PREPARE) {
            lastPreparedId = status == ResponseRelay.FAILED ? -1 : clientId >= 0 ? clientId : b.relay.statementId();
        }
        if (code == COM_RESET_CONNECTION) b.statements.clear();
        if (timeLimit != null) followStatements(code, command, status);
        if (status != ResponseRelay.FAILED && returnsStatus(code)) {
            session.status = status;
            if (!session.inTransaction()) endTransaction();
        }
        return status;
    }

    /** How long the command may run by max_execution_time (0: no limit). */
    private long limitMillis(int code, Payload command) {
        byte[] p = command.array();
        int at = command.position(), length = command.remaining();
        if (code == COM_QUERY) return timeLimit.forQuery(p, at + 1, length - 1);
        if (code == COM_STMT_EXECUTE && length >= 5) return timeLimit.forExecute(statementId(p, at));
        return 0;
    }

    /** Which prepared statements are SELECTs (limited), and the session's value after a reset. */
    private void followStatements(int code, Payload command, int status) {
        byte[] p = command.array();
        int at = command.position(), length = command.remaining();
        if (code == COM_STMT_PREPARE && status != ResponseRelay.FAILED) {
            timeLimit.prepared(lastPreparedId, p, at + 1, length - 1);
        } else if (code == COM_STMT_CLOSE && length >= 5) {
            timeLimit.closed(statementId(p, at));
        } else if (code == COM_RESET_CONNECTION && status != ResponseRelay.FAILED) {
            timeLimit.reset();
        }
    }

    /** Commands whose response carries server status flags. */
    private static boolean returnsStatus(int code) {
        return code == COM_QUERY || code == COM_STMT_EXECUTE || code == COM_INIT_DB || code == COM_PING
                || code == COM_RESET_CONNECTION || code == COM_STMT_RESET;
    }

    /** The transaction is over: its writes are visible (or gone); results that read them are invalid. */
    private void endTransaction() {
        if (cache == null || (!session.uncommittedAll && session.uncommitted.isEmpty())) return;
        cache.invalidate(session.uncommittedAll, java.util.Set.copyOf(session.uncommitted));
        session.uncommitted.clear();
        session.uncommittedAll = false;
    }

    /**
     * The statement a command names; MariaDB's id 0xFFFFFFFF (Connector/J sends it when it pipelines
     * PREPARE and EXECUTE) is the one prepared last, -1 after a failed PREPARE.
     */
    private long statementId(byte[] packet, int at) {
        long id = ExecuteParameters.statementId(packet, at);
        return id == 0xFFFFFFFFL ? lastPreparedId : id;
    }

    /** Commands that name a prepared statement by id (COM_STMT_CLOSE is answered here when multiplexing). */
    private static boolean namesStatement(int code) {
        return code == COM_STMT_EXECUTE || code == COM_STMT_SEND_LONG_DATA || code == COM_STMT_RESET || code == COM_STMT_FETCH;
    }

    private static boolean forwarded(int code) {
        return switch (code) {
            case COM_INIT_DB, COM_QUERY, COM_FIELD_LIST, COM_STATISTICS, COM_PROCESS_INFO, COM_PROCESS_KILL, COM_DEBUG,
                 COM_PING, COM_STMT_PREPARE, COM_STMT_EXECUTE, COM_STMT_SEND_LONG_DATA, COM_STMT_CLOSE, COM_STMT_RESET,
                 COM_SET_OPTION, COM_STMT_FETCH, COM_RESET_CONNECTION -> true;
            default -> false; // replication, shutdown and the like are not a client's to send through us
        };
    }

    /**
     * Between commands: lends the client to the event loop (not when multiplexing), over a plaintext
     * backend. Without the cache the loop forwards plain commands (see {@link #forwardable}); with
     * it, the loop answers cache hits only (see {@link #cachedAnswer}) and is lent while they are likely.
     */
    @Override
    public dev.basalt.mysql.relay.Handback serveOnLoop(dev.basalt.mysql.relay.LentClient client) throws IOException {
        RelayLoop loop = owner.loop();
        Backend b = backend;
        if (loop == null || b == null || client.channel() == null) return null;
        // in a transaction nothing is answered from the cache: the thread serves it to its end (measured:
        // read_only through the loop 0.87x the thread's, each statement parsed on one of few loop threads)
        if (cache != null && !session.mayUseCache()) return null;
        if (cache != null && lendSkip > 0) {
            lendSkip--;
            return null;
        }
        java.nio.channels.SocketChannel channel = b.channel.idleChannel();
        if (channel == null) return null;
        if (lease == null) lease = new RelayLease(this, (key.capabilities() & Capabilities.DEPRECATE_EOF) != 0);
        dev.basalt.mysql.relay.Handback back = loop.serve(client, channel, lease);
        if (cache != null) {
            if (lease.served() >= PRODUCTIVE_LENDING) lendBackoff = 1;
            else lendSkip = (lendBackoff = Math.min(MAX_LEND_BACKOFF, lendBackoff * 2)) - 1;
        }
        return back;
    }

    /**
     * With the cache, commands the loop hands back (SET, USE, DDL, a transaction's statements, a
     * miss another client is fetching...) cost a hand-over each way: after lendings that served
     * fewer than {@value #PRODUCTIVE_LENDING} commands (sysbench read_only: BEGIN and one SELECT, then
     * the transaction goes to the thread), the thread keeps the client for 1, 3, 7... up to
     * {@value #MAX_LEND_BACKOFF} - 1 commands before lending it again.
     */
    private static final int MAX_LEND_BACKOFF = 64, PRODUCTIVE_LENDING = 4;
    private int lendBackoff = 1, lendSkip;

    /** This client's buffers and state on the event loop, kept from one lending to the next. */
    private RelayLease lease;

    /**
     * The loop's commands: statements without a time limit that cannot ask for a file or change
     * what the relay tracks; with the result cache, of those only the ones whose cache effects the
     * loop can apply (see {@link #forwardableWithCache}).
     */
    @Override
    public LoopCommands.Forward forwardable(byte[] b, int at, int length) {
        int code = b[at] & 0xFF;
        if (code == COM_QUERY) {
            if (!LoopStatements.plain(b, at + 1, at + length)) return null;
            if (timeLimit != null && timeLimit.forQuery(b, at + 1, length - 1) != 0) return null;
        } else if (code == COM_STMT_EXECUTE && length > 5) {
            if (timeLimit != null && timeLimit.forExecute(statementId(b, at)) != 0) return null;
            b[at + 5] = 0; // no cursor, as command() does
        } else {
            return null;
        }
        return cache == null ? LoopCommands.Forward.AS_READ : forwardableWithCache(code, b, at, length);
    }

    /** With the cache: a cacheable miss the loop records, a write it invalidates for, or any other plain read. */
    private LoopCommands.Forward forwardableWithCache(int code, byte[] b, int at, int length) {
        if (!session.mayUseCache()) return null; // a transaction began: the thread serves it (see serveOnLoop)
        StatementAnalysis a;
        byte[] sql, parameters = null, packet = null;
        String database;
        int protocol;
        if (code == COM_QUERY) {
            sql = java.util.Arrays.copyOfRange(b, at + 1, at + length);
            String text = new String(sql, StandardCharsets.UTF_8);
            if (lastHit != null && DIAGNOSTICS.matcher(text).find()) return null; // the thread reruns the hit first
            a = StatementAnalysis.of(text, session.database);
            database = session.database;
            protocol = TEXT;
        } else {
            SessionState.Prepared p = session.prepared.get(statementId(b, at));
            if (p == null || p.longData) return null;
            parameters = ExecuteParameters.key(b, at, length, p);
            if (parameters == null) return null;
            packet = ExecuteParameters.withTypes(b, at, length, p);
            a = p.analysis;
            sql = p.sql;
            database = p.database;
            protocol = BINARY;
        }
        // what changes the session, the schema or the database in use: the thread follows it
        if (a.basaltStatus() || a.sessionChange() || a.ddl() || a.temporary() || a.useDatabase() != null) return null;
        ResponseRecording recording = null;
        if (a.cacheable() && session.mayUseCache() && cache.allows(a)) {
            ResultCache.Flight<byte[]> flight = cache.results.lead(cacheKey(sql, parameters, database, protocol), List.copyOf(a.reads()));
            if (flight == null) return null; // in flight for another client: the thread waits for its result
            loopFlight = flight;
            recording = loopRecording = new ResponseRecording(cache.results.maxEntryBytes());
        } else if (a.changesData()) {
            cache.invalidate(a); // before: nothing read from now on is stored as current
            loopWrite = a;
        }
        return recording == null && packet == null ? LoopCommands.Forward.AS_READ : new LoopCommands.Forward(packet, recording);
    }

    /** The loop's command in flight: a miss it records for the cache, or a write to invalidate for at its end. */
    private ResultCache.Flight<byte[]> loopFlight;
    private ResponseRecording loopRecording;
    private StatementAnalysis loopWrite;

    /** The end of the loop's command for the cache, as {@link #statement} ends a forwarded one ({@code response} null: nothing to store). */
    private void loopCacheEffects(byte[] response) {
        ResultCache.Flight<byte[]> flight = loopFlight;
        StatementAnalysis write = loopWrite;
        loopFlight = null;
        loopRecording = null;
        loopWrite = null;
        if (flight != null) cache.results.finish(flight, response);
        if (write != null) {
            cache.invalidate(write); // after: nothing read while it ran stays current
            if (session.inTransaction()) {
                session.uncommitted.addAll(write.writes());
                session.uncommittedAll |= write.writesAll();
            }
        }
    }

    @Override
    public void cancel() {
        if (cache != null) loopCacheEffects(null);
    }

    /**
     * With the result cache, while the loop serves the client: a current hit for a text query or
     * an execution of a prepared statement, by the same lookup as {@link #command} makes (a hit
     * needs no parsing: only a cacheable statement's result is ever stored under its key, and the
     * entry's table versions decide whether it is current, exactly as on the connection's thread).
     */
    @Override
    public byte[] cachedAnswer(byte[] b, int at, int length) {
        if (cache == null || statements != null || !session.mayUseCache() || !cache.fresh()) return null;
        int code = b[at] & 0xFF;
        byte[] hit = null;
        if (code == COM_QUERY) {
            byte[] sql = java.util.Arrays.copyOfRange(b, at + 1, at + length);
            hit = cache.results.get(cacheKey(sql, null, session.database, TEXT));
        } else if (code == COM_STMT_EXECUTE && length >= 5) {
            SessionState.Prepared p = session.prepared.get(statementId(b, at));
            if (p == null || p.longData || !p.analysis.cacheable() || !cache.allows(p.analysis)) return null;
            byte[] parameters = ExecuteParameters.key(b, at, length, p);
            if (parameters == null) return null;
            hit = cache.results.get(cacheKey(p.sql, parameters, p.database, BINARY));
        }
        if (hit != null) {
            lastHit = java.util.Arrays.copyOfRange(b, at, at + length);
            cache.loopHits.increment();
        }
        return hit;
    }

    /** As {@link #forward} ends for these commands. */
    @Override
    public void done(int status, int warnings) {
        forwarded = true;
        lastHit = null;
        lastStatus = status;
        if (status != ResponseRelay.FAILED) {
            session.status = status;
            if (!session.inTransaction()) endTransaction();
        }
        if (cache == null) return;
        ResponseRecording r = loopRecording;
        loopCacheEffects(r != null && status != ResponseRelay.FAILED && (status & ServerStatus.MORE_RESULTS_EXISTS) == 0
                && warnings == 0 && !r.overflowed() ? r.toByteArray() : null);
    }

    @Override
    public SqlException lost(Exception cause) {
        Backend b = backend;
        backend = null;
        if (b != null) b.close();
        if (cache != null) loopCacheEffects(null);
        endTransaction();
        return RemoteErrors.queryFailed("lost connection to " + owner.endpoint().address() + ": "
                + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
    }

    @Override
    public void reset(String database) {
        Backend old = backend;
        backend = null;
        endTransaction();
        if (old != null) returnHeld(old);
        String db = owner.databaseFor(database);
        key = new Backend.Key(key.capabilities(), key.mariadbCapabilities(), key.charset(), db);
        pinned = false;
        explicitTransaction = false;
        settings = List.of();
        backend = owner.shared() != null ? owner.shared().borrow(new SharedBackends.Shape(key, settings), Map.of())
                : owner.acquire(key, Map.of());
        session.reset();
        if (timeLimit != null) timeLimit.reset();
        session.database = db;
        session.status = ServerStatus.AUTOCOMMIT;
        netWriteTimeoutSeconds = owner.netWriteTimeoutSeconds; // a new session on the remote
    }

    long connectionId() { return connectionId; }

    /** Closes the client's connection (set by the connection; null until then). */
    private volatile Runnable hangUp;

    @Override
    public void hangUpWith(Runnable hangUp) { this.hangUp = hangUp; }

    /** KILL CONNECTION of this client: its socket closes now, wherever its thread is. */
    void hangUp() {
        Runnable r = hangUp;
        if (r != null) r.run();
    }

    @Override
    public void close() {
        owner.closed(this);
        Backend b = backend;
        backend = null;
        endTransaction();
        if (b != null) returnHeld(b);
    }

    /** The client is done with its backend for good: reset and kept for others. */
    private void returnHeld(Backend b) {
        if (owner.shared() != null) owner.shared().returnHeld(b);
        else owner.release(b);
    }
}
