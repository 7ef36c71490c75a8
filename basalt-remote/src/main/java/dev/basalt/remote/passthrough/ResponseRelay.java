package dev.basalt.remote.passthrough;

import dev.basalt.mysql.protocol.MalformedPacketException;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.relay.ClientPackets;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.ServerStatus;

import java.io.IOException;

/**
 * Copies one response from the backend to the client frame by frame, reading only enough of each
 * frame to know where the response ends (column counts, terminators, the more-results flag).
 * Nothing is decoded or re-encoded: the client receives the backend's bytes, sequence ids included.
 * An optional {@link ResponseRecording} keeps a copy of the frames (for the result cache).
 */
final class ResponseRelay {
    /** Result of a response: the status flags of its last OK/EOF, or {@link #FAILED} after an ERR. */
    static final int FAILED = -1;

    private final BackendChannel backend;
    private final boolean deprecateEof;
    private PacketWriter client;
    private ResponseRecording recording;
    private ClientPackets more;
    private int warnings;
    /** Last insert id of the last OK relayed (not zero: a later LAST_INSERT_ID() needs this connection). */
    private long lastInsertId;
    /** While set and true: the remote's 1317 (interrupted) is MySQL's 3024 (time limit) to the client. */
    private java.util.function.BooleanSupplier timeLimitFired;
    private long statementId;
    private int parameterCount;
    /** The id the client is told for the statement being prepared (multiplexing), or -1: the server's. */
    private long renumber = -1;

    ResponseRelay(BackendChannel backend, boolean deprecateEof) {
        this.backend = backend;
        this.deprecateEof = deprecateEof;
    }

    /**
     * Where the next response goes; {@code client} null discards it, {@code recording} may be
     * null, {@code more} (the client's further packets) may be null where no file can be asked for.
     */
    ResponseRelay to(PacketWriter client, ResponseRecording recording, ClientPackets more) {
        this.client = client;
        this.recording = recording;
        this.more = more;
        this.warnings = 0;
        this.lastInsertId = 0;
        this.timeLimitFired = null;
        this.renumber = -1;
        return this;
    }

    /** The next {@link #prepared()} tells the client {@code id} rather than the server's id. */
    ResponseRelay renumber(long id) {
        this.renumber = id;
        return this;
    }

    /** The response may end in a KILL QUERY sent by Basalt's time limit once {@code fired} says so. */
    ResponseRelay timeLimited(java.util.function.BooleanSupplier fired) {
        this.timeLimitFired = fired;
        return this;
    }

    /** After {@link #prepared()}: the statement id and parameter count the server assigned. */
    long statementId() { return statementId; }

    int parameterCount() { return parameterCount; }

    /** Warning count of the last OK/EOF relayed. */
    int warnings() { return warnings; }

    /** Last insert id of the response's last OK (0 when none). */
    long lastInsertId() { return lastInsertId; }

    /**
     * A COM_QUERY or COM_STMT_EXECUTE response: OKs and result sets, chained while the
     * more-results flag is set; an ERR ends the chain.
     */
    int results() throws IOException {
        while (true) {
            next();
            int first = backend.first();
            int status;
            if (first == 0xFF) return FAILED;
            if (first == 0x00) {
                status = okStatus();
            } else if (first == 0xFB) {
                localInfile();
                continue; // the server's OK or ERR follows
            } else {
                status = resultSet();
                if (status == FAILED) return FAILED;
            }
            if ((status & ServerStatus.MORE_RESULTS_EXISTS) == 0) return status;
        }
    }

    /**
     * LOAD DATA LOCAL INFILE: the server asked the client for a file (the request went on to the
     * client); the client's packets go to the server up to and including the empty one that ends
     * the file. The sequence ids continue across both links, so packets keep their own.
     */
    private void localInfile() throws IOException {
        if (more == null || client == null) {
            throw new MalformedPacketException("LOCAL INFILE request where the client cannot answer");
        }
        client.flush(); // the client answers the request only once it has it
        while (true) {
            int sequence = more.nextSequence();
            Payload p = more.read();
            if (p == null) throw new java.io.EOFException("the client closed the connection during LOAD DATA LOCAL INFILE");
            int length = p.remaining();
            backend.writePacket(sequence, p.array(), p.position(), length);
            if (length == 0) return;
        }
    }

    /** The rest of a result set after its column-count frame. */
    private int resultSet() throws IOException {
        long columns = lenencAt(BackendChannel.HEADER);
        for (long i = 0; i < columns; i++) next();
        if (!deprecateEof) {
            next();
            // A cursor was opened: rows come later, through COM_STMT_FETCH.
            if ((eofStatus() & ServerStatus.CURSOR_EXISTS) != 0) return eofStatus();
        }
        return rows();
    }

    /** Rows until the terminating EOF/OK (its status is returned) or an ERR. */
    int rows() throws IOException {
        boolean continuation = false;
        while (true) {
            next();
            boolean piece = continuation; // the rest of a row of 16 MB or more: not a packet start
            continuation = backend.length() == BackendChannel.MAX_PIECE;
            if (piece) continue;
            int first = backend.first();
            if (first == 0xFF) return FAILED;
            if (first == 0xFE && isTerminator()) return deprecateEof ? okStatus() : eofStatus();
        }
    }

    /** COM_STMT_PREPARE: the OK with statement id and counts, then parameter and column definitions. */
    int prepared() throws IOException {
        backend.readFrame();
        byte[] f = backend.frame();
        int h = BackendChannel.HEADER;
        boolean ok = backend.first() == 0x00;
        if (ok) {
            statementId = (f[h + 1] & 0xFFL) | (f[h + 2] & 0xFFL) << 8 | (f[h + 3] & 0xFFL) << 16 | (f[h + 4] & 0xFFL) << 24;
            if (renumber >= 0) {
                for (int i = 0; i < 4; i++) f[h + 1 + i] = (byte) (renumber >>> (8 * i));
            }
        }
        passOn();
        if (!ok) return FAILED;
        int at = h + 5;
        int columns = (f[at] & 0xFF) | (f[at + 1] & 0xFF) << 8;
        int parameters = (f[at + 2] & 0xFF) | (f[at + 3] & 0xFF) << 8;
        parameterCount = parameters;
        definitions(parameters);
        definitions(columns);
        return 0;
    }

    private void definitions(int count) throws IOException {
        for (int i = 0; i < count; i++) next();
        if (count > 0 && !deprecateEof) next();
    }

    /** COM_FIELD_LIST: column definitions until an EOF, or an ERR. */
    int fieldList() throws IOException {
        while (true) {
            next();
            int first = backend.first();
            if (first == 0xFF) return FAILED;
            if (first == 0xFE && isTerminator()) return 0;
        }
    }

    /** A response of exactly one packet (OK, ERR, EOF, or COM_STATISTICS's text). */
    int single() throws IOException {
        next();
        int first = backend.first();
        if (first == 0xFF) return FAILED;
        if (first == 0x00) return okStatus();
        return 0;
    }

    /** Reads the next frame and passes it on. */
    private void next() throws IOException {
        backend.readFrame();
        passOn();
    }

    /** Passes the frame just read on to the client (and the recording). */
    private void passOn() throws IOException {
        if (timeLimitFired != null && backend.first() == 0xFF && backend.length() >= 3 && errno() == ER_QUERY_INTERRUPTED
                && timeLimitFired.getAsBoolean()) {
            if (client != null) client.framed(queryTimeout(backend.sequenceId()), 0, HEADER_AND_TIMEOUT.length);
            return; // an error response is never recorded for the cache
        }
        if (client != null) client.framed(backend.frame(), 0, backend.frameLength());
        if (recording != null) recording.add(backend.frame(), backend.frameLength());
    }

    private static final int ER_QUERY_INTERRUPTED = 1317;
    /** MySQL's ERR 3024 ER_QUERY_TIMEOUT, header included (its sequence id set per use). */
    private static final byte[] HEADER_AND_TIMEOUT = timeoutFrame();

    private static byte[] timeoutFrame() {
        byte[] message = "Query execution was interrupted, maximum statement execution time exceeded"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 1 + 2 + 6 + message.length;
        byte[] f = new byte[BackendChannel.HEADER + length];
        f[0] = (byte) length;
        f[1] = (byte) (length >>> 8);
        f[4] = (byte) 0xFF;
        f[5] = (byte) (3024 & 0xFF);
        f[6] = (byte) (3024 >>> 8);
        System.arraycopy("#HY000".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, f, 7, 6);
        System.arraycopy(message, 0, f, 13, message.length);
        return f;
    }

    private static byte[] queryTimeout(int sequence) {
        byte[] f = HEADER_AND_TIMEOUT.clone();
        f[3] = (byte) sequence;
        return f;
    }

    private int errno() {
        byte[] f = backend.frame();
        return (f[BackendChannel.HEADER + 1] & 0xFF) | (f[BackendChannel.HEADER + 2] & 0xFF) << 8;
    }

    /**
     * An EOF (or, with CLIENT_DEPRECATE_EOF, an OK with the 0xFE header) rather than a row: a
     * text row starting with 0xFE would carry an 8-byte length, so it is at least 0xFFFFFF long.
     */
    private boolean isTerminator() {
        return deprecateEof ? backend.length() < BackendChannel.MAX_PIECE : backend.length() < 9;
    }

    /** Status of an OK packet: header, affected rows, last insert id, then status and warnings. */
    private int okStatus() {
        int at = BackendChannel.HEADER + 1;
        at += lenencSize(at);
        lastInsertId = lenencAt(at);
        at += lenencSize(at);
        byte[] f = backend.frame();
        if (at + 2 > backend.frameLength()) return 0;
        if (at + 4 <= backend.frameLength()) warnings = (f[at + 2] & 0xFF) | (f[at + 3] & 0xFF) << 8;
        return (f[at] & 0xFF) | (f[at + 1] & 0xFF) << 8;
    }

    /** Status of a classic EOF packet: 0xFE, warnings, status. */
    private int eofStatus() {
        byte[] f = backend.frame();
        int at = BackendChannel.HEADER + 1;
        if (backend.length() < 5) return 0;
        warnings = (f[at] & 0xFF) | (f[at + 1] & 0xFF) << 8;
        return (f[at + 2] & 0xFF) | (f[at + 3] & 0xFF) << 8;
    }

    private long lenencAt(int at) {
        byte[] f = backend.frame();
        int b = f[at] & 0xFF;
        if (b < 0xFB) return b;
        int size = lenencSize(at) - 1;
        long v = 0;
        for (int i = 0; i < size; i++) v |= (long) (f[at + 1 + i] & 0xFF) << (8 * i);
        return v;
    }

    private int lenencSize(int at) {
        int b = backend.frame()[at] & 0xFF;
        return switch (b) {
            case 0xFC -> 3;
            case 0xFD -> 4;
            case 0xFE -> 9;
            default -> 1;
        };
    }
}
