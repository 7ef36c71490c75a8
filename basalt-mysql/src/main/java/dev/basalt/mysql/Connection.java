package dev.basalt.mysql;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.mysql.auth.Authenticator;
import dev.basalt.mysql.auth.Handshake;
import dev.basalt.mysql.auth.Scrambles;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.MalformedPacketException;
import dev.basalt.mysql.protocol.PacketReader;
import dev.basalt.mysql.protocol.PacketTooLargeException;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.protocol.Sequence;
import dev.basalt.mysql.protocol.ServerStatus;
import dev.basalt.mysql.relay.ClientPackets;
import dev.basalt.mysql.relay.CommandRelay;
import dev.basalt.mysql.relay.Handback;
import dev.basalt.mysql.relay.LentClient;
import dev.basalt.mysql.relay.RelayClient;
import dev.basalt.mysql.relay.RelayFactory;
import dev.basalt.mysql.relay.RelayLostException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection, run on its own virtual thread: handshake and authentication, then a
 * loop reading one command and writing its whole response. Anything that goes wrong here ends
 * this connection only.
 */
final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private static final int COM_QUIT = 0x01, COM_INIT_DB = 0x02, COM_QUERY = 0x03, COM_FIELD_LIST = 0x04,
            COM_SHUTDOWN = 0x08, COM_STATISTICS = 0x09, COM_PROCESS_KILL = 0x0c, COM_DEBUG = 0x0d, COM_PING = 0x0e,
            COM_CHANGE_USER = 0x11, COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17, COM_STMT_SEND_LONG_DATA = 0x18,
            COM_STMT_CLOSE = 0x19, COM_STMT_RESET = 0x1a, COM_SET_OPTION = 0x1b, COM_STMT_FETCH = 0x1c,
            COM_RESET_CONNECTION = 0x1f;
    private static final int ER_UNKNOWN_STMT_HANDLER = 1243, ER_MAX_PREPARED_STMT_COUNT_REACHED = 1461,
            ER_STMT_HAS_NO_OPEN_CURSOR = 1421;

    /** Lifecycle as seen by shutdown: only an IDLE connection (waiting for a command) may be closed under it. */
    private static final int IDLE = 0, BUSY = 1, CLOSED = 2;
    /** MySQL's defaults for wait_timeout/interactive_timeout and net_write_timeout, in seconds. */
    private static final long DEFAULT_WAIT_TIMEOUT = 28_800, DEFAULT_NET_WRITE_TIMEOUT = 60;
    private static final int CLIENT_INTERACTIVE = 1 << 10;
    /** MARIADB_CLIENT_EXTENDED_TYPE_INFO, in the upper half of MariaDB's 64-bit capabilities. */
    private static final int MARIADB_EXTENDED_TYPE_INFO = 1 << 3;

    private final MySqlServer server;
    private final long id;
    private final Socket socket;
    private final String host;
    /** "connection N", for log lines (MessageFormat would print N with digit grouping). */
    private final String name;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private final long acceptedAt;
    private final Sequence sequence = new Sequence();
    private WatchedOutputStream output;
    private volatile long idleSince;
    /** nanoTime by which the login must be done; 0 once it is. Enforced by the watchdog, not a socket timeout. */
    private volatile long handshakeDeadline;
    /** The client said COM_QUIT: an orderly end, not an aborted client. */
    private boolean quit;
    private volatile long idleLimitNanos = seconds(DEFAULT_WAIT_TIMEOUT);
    private volatile long writeLimitNanos = seconds(DEFAULT_NET_WRITE_TIMEOUT);
    private boolean interactive;
    private PacketReader reader;
    /** The plain socket's buffered input: what the reader reads until (and unless) TLS starts. */
    private ClientInput plainInput;
    /** While the relay's event loop holds the socket: what to run when the connection is closed under it. */
    private volatile Runnable onLentClose;
    /** Bytes the relay's event loop moved for this connection (see {@link LentClient#traffic}). */
    private volatile long lentBytesReceived, lentBytesSent;
    /** The TLS layer over {@link #socket} after an SSLRequest; null for a plaintext connection. */
    private dev.basalt.tls.TlsStreams tlsLayer;
    /** The TLS implementation that served this connection's handshake (SESSION Ssl_library); null without TLS. */
    private String tlsLibrary;
    private PacketWriter writer;
    private ResultWriter results;
    private volatile Session session;
    private int capabilities;
    private byte[] loginNonce;
    private boolean deprecateEof;
    private boolean multiStatements;
    private PreparedStatements statements;
    /** Passthrough mode: the relay that serves this client's commands (null when the engine does). */
    private CommandRelay relay;
    /** Lets the relay read packets the client sends within a command (a LOCAL INFILE's contents). */
    private final ClientPackets clientPackets = new ClientPackets() {
        @Override public int nextSequence() { return sequence.peek(); }
        @Override public Payload read() throws IOException { return reader.read(); }
    };

    Connection(MySqlServer server, long id, Socket socket) {
        this.server = server;
        this.id = id;
        this.socket = socket;
        this.host = hostText(socket.getInetAddress());
        this.name = "connection " + id;
        this.statements = new PreparedStatements(server);
        // from accept, not from our first packet: connect_timeout bounds the whole handshake
        this.acceptedAt = System.nanoTime();
        this.handshakeDeadline = acceptedAt + server.guard().connectTimeoutNanos();
    }

    long id() { return id; }

    /** Still logging in (and not already hung up on): counts against the unauthenticated cap. */
    boolean inHandshake() { return handshakeDeadline != 0 && state.get() != CLOSED; }

    /** nanoTime of the accept: the oldest unfinished handshake is the first to go when too many wait. */
    long acceptedAt() { return acceptedAt; }

    boolean isClosed() { return state.get() == CLOSED; }

    /** The client address as MySQL prints it in 'user'@'host' ("127.0.0.1", "::1"). */
    static String hostText(java.net.InetAddress address) {
        if (address instanceof java.net.Inet6Address) {
            if (address.isLoopbackAddress()) return "::1";
            String text = address.getHostAddress();
            int scope = text.indexOf('%');
            return scope >= 0 ? text.substring(0, scope) : text;
        }
        return address.getHostAddress();
    }

    /** The logged-in user, or null during the handshake. */
    String user() {
        Session s = session;
        return s == null ? null : s.user();
    }

    @Override
    public void run() {
        try {
            // until login, only small packets, and an oversized one is not drained but hung up on
            plainInput = new ClientInput(socket.getInputStream(), 16 * 1024);
            useStreams(plainInput, socket.getOutputStream());
            if (handshake()) commandLoop();
        } catch (PacketTooLargeException e) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", name, e.getMessage());
            sendQuietly(handshakeDeadline != 0 ? ErrorCode.ER_HANDSHAKE_ERROR : ErrorCode.ER_NET_PACKET_TOO_LARGE);
        } catch (MalformedPacketException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} closed: malformed packet: {1}", name, e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "{0} closed: handshake timed out", name);
        } catch (EOFException | SocketException e) {
            if (state.get() != CLOSED) {
                LOG.log(System.Logger.Level.INFO, "{0} closed by client: {1}", name, e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException) server.guard().internalError();
            LOG.log(System.Logger.Level.WARNING, "{0} closed: {1}", name, e.toString());
            LOG.log(System.Logger.Level.DEBUG, name + " failure", e);
        } catch (Error e) {
            // e.g. out of memory while answering: this connection ends, the server goes on
            LOG.log(System.Logger.Level.ERROR, "{0} closed: {1}", name, e.toString());
        } finally {
            if (handshakeDeadline != 0) {
                server.guard().abortedConnect(); // never logged in
            } else if (!quit && !server.isShuttingDown()) {
                server.guard().abortedClient(); // logged in, ended without COM_QUIT (as MySQL counts)
            }
            state.set(CLOSED);
            closeSession();
            if (relay != null) relay.close();
            closeSocket();
            if (tlsLayer != null) tlsLayer.release(); // here, not in closeSocket: KILL closes from another thread
            server.unregister(this);
        }
    }

    /** Answers a connection over the limit with 1040 instead of a handshake. */
    void rejectTooManyConnections() {
        try (socket) {
            writer = new PacketWriter(socket.getOutputStream(), sequence);
            Responses.error(writer, ErrorCode.ER_TOO_MANY_CONNECTIONS);
            writer.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: could not send 1040: {1}", name, e.getMessage());
        }
    }

    /** Closes the connection if it is waiting for a command; a busy one finishes first. */
    void closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSED)) closeSocket();
    }

    /**
     * Called periodically by the server: hangs up on a client idle past wait_timeout
     * (interactive_timeout for interactive clients) or not reading our output for
     * net_write_timeout. Closes silently, as MySQL before 8.0.24 does.
     */
    void checkTimeouts(long now) {
        long deadline = handshakeDeadline;
        if (deadline != 0 && now - deadline > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} closed: handshake timed out", name);
            forceClose();
            return;
        }
        WatchedOutputStream out = output;
        long since = out == null ? 0 : out.writingSince();
        if (since != 0 && now - since > writeLimitNanos) {
            LOG.log(System.Logger.Level.INFO, "{0}: client not reading for net_write_timeout, closing", name);
            forceClose();
        } else if (state.get() == IDLE && now - idleSince > idleLimitNanos && state.compareAndSet(IDLE, CLOSED)) {
            LOG.log(System.Logger.Level.INFO, "{0}: idle past wait_timeout, closing", name);
            closeSocket();
        }
    }

    /** Re-reads the timeouts between commands, since SET SESSION may have changed them. */
    /** The session and its variables' version the timeouts were last read under. */
    private Session timeoutsReadFrom;
    private long timeoutsVersion;

    private void refreshTimeouts() {
        Session s = session;
        if (s == null) return;
        // six variable reads per command were a few per cent of a point select: only after a SET
        long version = s.variablesVersion();
        if (s == timeoutsReadFrom && version != -1 && version == timeoutsVersion) return;
        timeoutsReadFrom = s;
        timeoutsVersion = version;
        idleLimitNanos = seconds(variable(s, interactive ? "interactive_timeout" : "wait_timeout", DEFAULT_WAIT_TIMEOUT));
        writeLimitNanos = seconds(variable(s, "net_write_timeout", DEFAULT_NET_WRITE_TIMEOUT));
        // a GLOBAL variable; a server that sets a connectTimeoutSource reads it at each accept instead
        server.guard().setConnectTimeoutSeconds(variable(s, "connect_timeout", 10));
        server.guard().configureConnectionControl(variable(s, "connection_control_failed_connections_threshold", -1, 3),
                variable(s, "connection_control_min_connection_delay", 1000), variable(s, "connection_control_max_connection_delay", 30_000));
    }

    /** A variable that may be 0 (or anything above {@code min}). */
    private static long variable(Session s, String name, long min, long fallback) {
        String text = s.systemVariable(name);
        if (text == null) return fallback;
        try {
            long v = Long.parseLong(text.strip());
            return v > min ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long variable(Session s, String name, long fallback) {
        String text = s.systemVariable(name);
        if (text == null) return fallback;
        try {
            long v = Long.parseLong(text.strip());
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long seconds(long s) { return Math.min(s, Long.MAX_VALUE / 2_000_000_000L) * 1_000_000_000L; }

    /** Hangs up whatever the connection is doing (drain expired, or KILL). */
    void forceClose() {
        state.set(CLOSED);
        Session s = session;
        if (s != null) s.interruptForClose(); // a CPU-bound statement would not notice the socket
        closeSocket();
    }

    /** Reads and writes packets over these streams: the socket's, or the TLS layer's after an SSLRequest. */
    private void useStreams(java.io.InputStream in, java.io.OutputStream out) {
        reader = new PacketReader(in, sequence, Math.min(HandshakeGuard.PRE_AUTH_MAX_PACKET, server.config().maxAllowedPacket()));
        reader.setDrainOversized(false);
        output = new WatchedOutputStream(out);
        writer = new PacketWriter(output, sequence); // buffers by itself
        results = new ResultWriter(writer);
    }

    /**
     * The SSLRequest: the first 32 bytes of a handshake response (capabilities with CLIENT_SSL,
     * max packet, charset, filler) and nothing more. The client then starts TLS and sends its real
     * handshake response inside it, continuing the sequence ids (MySQL's order: 0 greeting,
     * 1 SSLRequest, 2 response).
     */
    private static boolean isSslRequest(Payload packet) {
        if (packet.remaining() != 32) return false;
        byte[] a = packet.array();
        int at = packet.position();
        int caps = (a[at] & 0xFF) | (a[at + 1] & 0xFF) << 8;
        return (caps & Capabilities.SSL) != 0;
    }

    /** Upgrades to TLS after an SSLRequest; false (connection to close) when TLS is not offered. */
    private boolean startTls() throws IOException {
        dev.basalt.tls.TlsHandshake tls = server.tls(); // ALTER INSTANCE RELOAD TLS replaces it whole
        if (tls == null) {
            LOG.log(System.Logger.Level.WARNING, "{0}: SSLRequest from {1}, but TLS is off", name, host);
            Responses.error(writer, ErrorCode.ER_HANDSHAKE_ERROR);
            writer.flush();
            return false;
        }
        tlsLayer = tls.accept(socket, plainInput);
        tlsLibrary = tls.library();
        useStreams(new BufferedInputStream(tlsLayer.input(), 16 * 1024), tlsLayer.output());
        return true;
    }

    private boolean handshake() throws IOException {
        // Not a socket timeout: that would switch the socket to non-blocking mode for good, costing
        // a poll() per read on platform threads. The watchdog closes a connection that takes too
        // long; the deadline was set when the connection was accepted.
        String plugin = server.config().defaultAuthPlugin();
        byte[] nonce = Scrambles.newNonce();
        RelayFactory relays = server.relays();
        Handshake.writeInitial(writer, relays != null ? relays.serverVersion() : server.engine().serverVersion(), id,
                nonce, offeredCapabilities(), relays != null ? relays.mariadbCapabilities() : 0, ServerStatus.AUTOCOMMIT,
                plugin);
        writer.send();
        writer.flush();
        Payload packet = reader.read();
        if (packet == null) return false;
        if (isSslRequest(packet)) {
            if (!startTls()) return false;
            packet = reader.read();
            if (packet == null) return false;
        } else if (server.secureTransportRequired()) {
            // MySQL refuses before authentication; only TLS (or a local socket, which Basalt has not) passes
            LOG.log(System.Logger.Level.INFO, "{0}: plaintext login from {1} refused (require_secure_transport)", name, host);
            Responses.error(writer, ErrorCode.ER_SECURE_TRANSPORT_REQUIRED);
            writer.flush();
            return false;
        }
        Handshake.Response response;
        try {
            response = Handshake.parse(packet);
        } catch (MalformedPacketException | IllegalStateException | IndexOutOfBoundsException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: bad handshake from {1}: {2}", name, host, e.getMessage());
            Responses.error(writer, ErrorCode.ER_HANDSHAKE_ERROR);
            writer.flush();
            return false;
        }
        capabilities = response.capabilities() & offeredCapabilities();
        interactive = (response.capabilities() & CLIENT_INTERACTIVE) != 0;
        deprecateEof = (capabilities & Capabilities.DEPRECATE_EOF) != 0;
        multiStatements = (capabilities & Capabilities.MULTI_STATEMENTS) != 0;
        loginNonce = nonce;
        if (!logIn(response, nonce)) return false;
        reader.setMaxPacket(server.config().maxAllowedPacket());
        reader.setDrainOversized(true);
        return true;
    }

    /** Authenticates and opens the session; on failure sends the ERR and returns false. */
    private boolean logIn(Handshake.Response response, byte[] nonce) throws IOException {
        throttleAfterFailures(response.user());
        try {
            java.util.Optional<dev.basalt.engine.api.UserAccount> account = server.engine().findUser(response.user(), host);
            new Authenticator(reader, writer, server.keys(), server.sha2Cache())
                    .authenticate(response, account, nonce, host, server.config().defaultAuthPlugin(),
                            tlsLayer != null || socket.getInetAddress().isLoopbackAddress());
            if (!account.orElseThrow().tls().admits(tlsLayer == null ? null : tlsLayer.session())) {
                // REQUIRE SSL / X509 / ISSUER / SUBJECT / CIPHER not met: MySQL answers as for a wrong
                // password, after checking it
                throw ErrorCode.ER_ACCESS_DENIED.error(response.user(), host,
                        account.get().emptyPassword() ? "NO" : "YES");
            }
            RelayFactory relays = server.relays();
            // In passthrough mode the login database is the relayed server's to check, not the engine's.
            session = server.engine().openSession(new SessionOptions(id, response.user(), host,
                    relays != null ? null : response.database(), (capabilities & Capabilities.FOUND_ROWS) != 0));
            session.onKill(this::forceClose);
            // the slow log's Bytes_received / Bytes_sent (log_slow_extra): the fields, read when asked
            session.setTrafficCounters(() -> reader.bytesRead() + lentBytesReceived, () -> writer.bytesSent() + lentBytesSent);
            if (tlsLayer != null) {
                javax.net.ssl.SSLSession tls = tlsLayer.session();
                session.setTls(tls.getProtocol(), dev.basalt.engine.api.TlsRequirement.openSslCipherName(tls.getCipherSuite()), tlsLibrary);
            }
            if (relays == null && (capabilities & Capabilities.LOCAL_FILES) != 0) session.setLocalFiles(this::localFile);
            if (relays != null) {
                if (relay == null) {
                    int mariadb = response.mariadbCapabilities() & relays.mariadbCapabilities();
                    // TLS ends here: the backend connection is Basalt's own and must not claim CLIENT_SSL
                    relay = relays.open(new RelayClient(id, response.user(), host, response.database(),
                            capabilities & ~Capabilities.SSL,
                            response.charset(), response.attributes(), mariadb));
                    relay.hangUpWith(this::forceClose);
                    results.mariadbTypes = (mariadb & MARIADB_EXTENDED_TYPE_INFO) != 0;
                } else {
                    relay.reset(response.database());
                }
            }
        } catch (SqlException e) {
            if (e.errorCode() == ErrorCode.ER_ACCESS_DENIED.code()) {
                server.guard().loginFailed(id, response.user(), host, e.getMessage());
            }
            Responses.error(writer, e);
            writer.flush();
            return false;
        } catch (MalformedPacketException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": internal error during login", e);
            Responses.error(writer, ErrorCode.ER_UNKNOWN_ERROR.code(), ErrorCode.ER_UNKNOWN_ERROR.sqlState(),
                    e.getMessage() != null ? e.getMessage() : e.toString());
            writer.flush();
            return false;
        }
        server.guard().loginSucceeded(response.user(), host);
        // counted as logged in (against max_connections) before the client can learn it is, so a
        // connection it opens right after the OK is admitted or refused (1040) consistently
        handshakeDeadline = 0;
        Responses.ok(writer, 0, 0, status(), 0, null);
        writer.flush();
        return true;
    }

    /**
     * After repeated failed logins of this user from this host, waits before checking the next
     * attempt (growing delays, as MySQL's connection_control). The wait extends the handshake
     * deadline, so a right password still gets in, just later.
     */
    private void throttleAfterFailures(String user) throws IOException {
        long delay = server.guard().delayMillis(user, host);
        if (delay <= 0) return;
        server.guard().delayed();
        if (handshakeDeadline != 0) handshakeDeadline += java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(delay);
        LOG.log(System.Logger.Level.INFO, "{0}: delaying login of ''{1}''@''{2}'' by {3} ms after failed attempts",
                name, user, host, Long.toString(delay));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("login delay interrupted");
        }
    }

    /**
     * COM_CHANGE_USER: a fresh login on the same connection. Plugin-aware clients are always sent
     * an auth switch with a new nonce, so an old scramble cannot be replayed. A failed attempt
     * closes the connection (the previous identity is gone either way).
     */
    private boolean changeUser(Payload packet) throws IOException {
        Handshake.Response response = Handshake.parseChangeUser(packet, capabilities);
        closeSession();
        boolean pluginAware = response.has(Capabilities.PLUGIN_AUTH);
        byte[] nonce = pluginAware ? Scrambles.newNonce() : loginNonce;
        return logIn(pluginAware ? response.withoutPlugin() : response, nonce);
    }

    /**
     * LOAD DATA LOCAL INFILE, asked by the engine while it runs the statement: the LOCAL INFILE
     * request (0xFB and the file name), then the client's content packets up to an empty one. A
     * client that refuses sends the empty packet at once: the file is then empty.
     */
    private byte[] localFile(String name) {
        try {
            writer.begin().int1(0xFB).restString(name).send();
            writer.flush();
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            while (true) {
                Payload p = reader.read();
                if (p == null) throw new java.io.EOFException("client closed during LOCAL INFILE");
                if (!p.hasRemaining()) return content.toByteArray();
                content.writeBytes(p.readRestBytes());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the greeting offers: our capabilities, less what a relayed server lacks. */
    private int offeredCapabilities() {
        RelayFactory relays = server.relays();
        int tls = server.tls() != null ? Capabilities.SSL : 0; // between the client and us, whoever serves the commands
        return tls | (relays == null ? Capabilities.SERVER | Capabilities.LOCAL_FILES
                : (Capabilities.SERVER | Capabilities.LOCAL_FILES) & relays.capabilities());
    }

    private void commandLoop() throws IOException {
        while (true) {
            sequence.reset();
            if (relay == null) {
                refreshTimeouts();
            } else { // relayed SETs change the remote's variables, not ours: net_write_timeout as the relay follows it
                long writeTimeout = relay.writeTimeoutNanos();
                if (writeTimeout > 0) writeLimitNanos = writeTimeout;
            }
            idleSince = System.nanoTime();
            state.set(IDLE);
            if (server.isShuttingDown()) return;
            if (relay != null && lendable()) {
                Handback back = relay.serveOnLoop(lent);
                if (back != null) {
                    if (back.end()) return;
                    plainInput.unread(back.unread());
                    if (state.get() == CLOSED) return;
                }
            }
            Payload packet = reader.read();
            if (packet == null) return;
            if (!state.compareAndSet(IDLE, BUSY)) return;
            if (server.isShuttingDown()) {
                Responses.error(writer, ErrorCode.ER_SERVER_SHUTDOWN);
                writer.flush();
                return;
            }
            if (!packet.hasRemaining()) throw new MalformedPacketException("empty command packet");
            int command = packet.peek();
            if (command == COM_QUIT) {
                quit = true;
                endTlsInOrder();
                return;
            }
            if (command == COM_CHANGE_USER) {
                packet.readInt1();
                if (!changeUser(packet)) return;
                continue;
            }
            try {
                if (relay == null || !relay.handle(packet, writer, clientPackets)) {
                    packet.readInt1();
                    dispatch(command, packet);
                }
            } catch (RelayLostException e) {
                Responses.error(writer, e);
                writer.flush();
                LOG.log(System.Logger.Level.INFO, "{0} closed: {1}", name, e.getMessage());
                return;
            } catch (SqlException e) {
                Responses.error(writer, e);
            } catch (MalformedPacketException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + ": internal error in command 0x"
                        + Integer.toHexString(command), e);
                Responses.error(writer, ErrorCode.ER_UNKNOWN_ERROR.code(), ErrorCode.ER_UNKNOWN_ERROR.sqlState(),
                        e.getMessage() != null ? e.getMessage() : e.toString());
            } catch (OutOfMemoryError e) {
                // this statement's memory is garbage once the stack unwinds: fail it alone, keep serving
                LOG.log(System.Logger.Level.ERROR, "{0}: out of memory in command 0x{1}; the statement failed",
                        name, Integer.toHexString(command));
                Responses.error(writer, ErrorCode.ER_OUT_OF_RESOURCES);
            } catch (StackOverflowError e) {
                Responses.error(writer, ErrorCode.ER_STACK_OVERRUN.code(), ErrorCode.ER_STACK_OVERRUN.sqlState(),
                        "Thread stack overrun: the statement is nested too deeply");
            }
            writer.flush();
            Session done = session;
            if (done != null) done.commandDone(); // a slow-log entry waiting for its Bytes_sent is written now
        }
    }

    /** COM_QUIT over TLS: close_notify before the socket closes, as MariaDB and MySQL send it. */
    private void endTlsInOrder() {
        if (tlsLayer == null) return;
        try {
            tlsLayer.closeOutbound();
        } catch (IOException e) {
            // the client may have closed already; the connection ends either way
        }
    }

    private void dispatch(int command, Payload packet) throws IOException {
        switch (command) {
            case COM_QUERY -> query(packet.readRestString());
            case COM_INIT_DB -> {
                session.useDatabase(packet.readRestString());
                ok();
            }
            case COM_PING -> ok();
            case COM_SHUTDOWN -> query("SHUTDOWN"); // deprecated, still sent by mysql_shutdown(): the statement's rights and reply
            case COM_DEBUG -> Responses.eof(writer, deprecateEof, status(), 0);
            case COM_FIELD_LIST -> fieldList(packet);
            case COM_STATISTICS -> writer.begin().restString(server.engine().statistics()).send();
            case COM_RESET_CONNECTION -> {
                statements.clear();
                session.reset();
                ok();
            }
            case COM_SET_OPTION -> {
                int option = packet.readInt2();
                if (option > 1) throw ErrorCode.ER_UNKNOWN_COM.error();
                multiStatements = option == 0;
                Responses.eof(writer, deprecateEof, status(), 0);
            }
            case COM_PROCESS_KILL -> {
                long target = packet.readInt4();
                switch (server.kill(target, session.user())) {
                    case KILLED -> ok();
                    case NO_SUCH_CONNECTION -> throw new SqlException(Responses.ER_NO_SUCH_THREAD, "HY000",
                            "Unknown thread id: " + target);
                    case NOT_OWNER -> throw new SqlException(Responses.ER_KILL_DENIED, "HY000",
                            "You are not owner of thread " + target);
                }
            }
            case COM_STMT_PREPARE -> prepare(packet.readRestString());
            case COM_STMT_EXECUTE -> execute(packet);
            case COM_STMT_RESET -> {
                long statementId = packet.readInt4();
                ServerStatement s = statements.get(statementId);
                if (s == null) throw unknownStatement(statementId, "mysqld_stmt_reset");
                s.clearLongData();
                ok();
            }
            case COM_STMT_FETCH -> {
                long statementId = packet.readInt4();
                if (statements.get(statementId) == null) throw unknownStatement(statementId, "mysqld_stmt_fetch");
                throw new SqlException(ER_STMT_HAS_NO_OPEN_CURSOR, "HY000",
                        "The statement (" + statementId + ") has no open cursor.");
            }
            // These two never get a reply, not even an error: answering would desynchronise the client.
            case COM_STMT_SEND_LONG_DATA -> {
                if (packet.remaining() < 6) return;
                ServerStatement s = statements.get(packet.readInt4());
                int parameter = packet.readInt2();
                if (s == null) return;
                // sliced from the packet, not copied first: a refused piece costs nothing
                long max = server.config().maxAllowedPacket();
                int length = packet.remaining();
                int offset = packet.position();
                s.appendLongData(parameter, packet.array(), offset, length, max,
                        PacketLimits.longDataPerConnection(max) - statements.longDataBytes());
            }
            case COM_STMT_CLOSE -> {
                if (packet.remaining() < 4) return;
                ServerStatement s = statements.remove(packet.readInt4());
                if (s != null) session.closePrepared(s.handle);
            }
            default -> Responses.error(writer, ErrorCode.ER_UNKNOWN_COM);
        }
    }

    /** COM_QUERY: one result per statement; every result but the last says more follow; an error ends the chain. */
    private void query(String sql) throws IOException {
        StatementResults statements = session.execute(sql, multiStatements);
        while (true) {
            Result result = statements.next();
            switch (result) {
                case Result.Update u -> {
                    int status = status() | (statements.hasNext() ? ServerStatus.MORE_RESULTS_EXISTS : 0);
                    Responses.ok(writer, u.affectedRows(), u.lastInsertId(), status, session.warningCount(), u.info());
                }
                case Result.Rows rows -> {
                    results.writeRows(rows, deprecateEof, status());
                    int status = status() | (statements.hasNext() ? ServerStatus.MORE_RESULTS_EXISTS : 0);
                    Responses.eof(writer, deprecateEof, status, session.warningCount());
                }
            }
            if (!statements.hasNext()) return;
        }
    }

    /**
     * COM_STMT_PREPARE: statement id, column and parameter counts, then a definition per
     * parameter and per result column, each group closed by an EOF unless CLIENT_DEPRECATE_EOF.
     */
    private void prepare(String sql) throws IOException {
        if (!statements.reserve()) {
            throw new SqlException(ER_MAX_PREPARED_STMT_COUNT_REACHED, "42000",
                    "Can't create more than max_prepared_stmt_count statements (current value: "
                            + MySqlServer.MAX_PREPARED_STATEMENTS + ")");
        }
        PreparedStatementHandle handle;
        try {
            handle = session.prepare(sql);
        } catch (RuntimeException e) {
            statements.unreserve();
            throw e;
        }
        ServerStatement s = statements.add(handle);
        List<ColumnInfo> columns = handle.columns();
        int parameters = handle.parameterCount();
        writer.begin().int1(0x00).int4(s.id).int2(columns.size()).int2(parameters).int1(0)
                .int2(Math.min(session.warningCount(), 0xFFFF)).send();
        if (parameters > 0) {
            for (int i = 0; i < parameters; i++) {
                ColumnDefinitions.writeParameter(writer);
                writer.send();
            }
            if (!deprecateEof) Responses.eof(writer, false, status(), 0);
        }
        if (!columns.isEmpty()) {
            for (ColumnInfo c : columns) {
                ColumnDefinitions.write(writer, c, false);
                writer.send();
            }
            if (!deprecateEof) Responses.eof(writer, false, status(), 0);
        }
    }

    /**
     * COM_STMT_EXECUTE: an OK, or a result set with binary rows. Cursor flags are ignored: the
     * whole result is sent at once and no cursor is reported open, so clients read it directly.
     */
    private void execute(Payload packet) throws IOException {
        long statementId = packet.readInt4();
        ServerStatement s = statements.get(statementId);
        if (s == null) throw unknownStatement(statementId, "mysqld_stmt_execute");
        Object[] parameters;
        if (s.longDataOverflow()) {
            s.clearLongData();
            throw PacketLimits.longDataTooLong();
        }
        try {
            packet.readInt1(); // flags
            packet.readInt4(); // iteration count, always 1
            parameters = BinaryParameters.read(packet, s);
        } catch (MalformedPacketException | IllegalStateException e) {
            throw ErrorCode.ER_WRONG_ARGUMENTS.error("mysqld_stmt_execute");
        } finally {
            s.clearLongData();
        }
        StatementResults results = session.executePrepared(s.handle, parameters);
        // one result, or several chained by MORE_RESULTS_EXISTS (a CALL's result sets, then its OK)
        while (true) {
            Result result = results.next();
            int outParams = result instanceof dev.basalt.engine.api.OutParameterRows ? ServerStatus.PS_OUT_PARAMS : 0;
            int status = status() | outParams | (results.hasNext() ? ServerStatus.MORE_RESULTS_EXISTS : 0);
            switch (result) {
                case Result.Update u -> Responses.ok(writer, u.affectedRows(), u.lastInsertId(), status,
                        session.warningCount(), u.info());
                case Result.Rows rows -> {
                    this.results.writeRows(rows, deprecateEof, status() | outParams, true);
                    Responses.eof(writer, deprecateEof, status, session.warningCount());
                }
            }
            if (!results.hasNext()) return;
        }
    }

    private static SqlException unknownStatement(long statementId, String where) {
        return new SqlException(ER_UNKNOWN_STMT_HANDLER, "HY000",
                "Unknown prepared statement handler (" + statementId + ") given to " + where);
    }

    private void fieldList(Payload packet) throws IOException {
        String table = packet.readNulString();
        String wildcard = packet.hasRemaining() ? packet.readRestString() : null;
        List<ColumnInfo> columns = session.fieldList(table, wildcard);
        for (ColumnInfo c : columns) {
            ColumnDefinitions.write(writer, c, true);
            writer.send();
        }
        Responses.eof(writer, deprecateEof, status(), 0);
    }

    private void ok() throws IOException {
        Responses.ok(writer, 0, 0, status(), session.warningCount(), null);
    }

    private int status() {
        if (session == null) return ServerStatus.AUTOCOMMIT;
        int s = 0;
        if (session.autocommit()) s |= ServerStatus.AUTOCOMMIT;
        if (session.inTransaction()) s |= ServerStatus.IN_TRANS;
        if (session.inReadOnlyTransaction()) s |= ServerStatus.IN_TRANS_READONLY;
        // Clients that escape parameters themselves (client-side prepared statements) must not use
        // backslashes under this mode, and they learn it from this flag.
        if (session.noBackslashEscapes()) s |= ServerStatus.NO_BACKSLASH_ESCAPES;
        return s;
    }

    private void sendQuietly(ErrorCode code) {
        try {
            Responses.error(writer, code);
            writer.flush();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: could not send error: {1}", name, e.getMessage());
        }
    }

    private void closeSession() {
        statements.clear();
        if (session == null) return;
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": error closing session", e);
        }
        session = null;
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
        Runnable r = onLentClose;
        if (r != null) r.run();
    }

    /** The socket can go to the relay's event loop: plaintext, a channel's, nothing of it buffered here. */
    private boolean lendable() {
        return tlsLayer == null && socket.getChannel() != null && plainInput.buffered() == 0;
    }

    /** The socket as lent to the relay's event loop. */
    private final LentClient lent = new LentClient() {
        @Override public java.nio.channels.SocketChannel channel() { return socket.getChannel(); }

        @Override public boolean commandStarts() {
            return !server.isShuttingDown() && state.compareAndSet(IDLE, BUSY);
        }

        @Override public void commandDone() {
            idleSince = System.nanoTime();
            state.compareAndSet(BUSY, IDLE);
        }

        @Override public void traffic(long received, long sent) {
            // one writer at a time (the loop's thread while the socket is lent); read by SHOW STATUS anywhere
            lentBytesReceived += received;
            lentBytesSent += sent;
        }

        @Override public void onClose(Runnable r) { onLentClose = r; }
    };
}
