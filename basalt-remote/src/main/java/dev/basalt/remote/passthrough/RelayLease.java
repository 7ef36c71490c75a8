package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.mysql.relay.Handback;
import dev.basalt.mysql.relay.LentClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client's sockets while a {@link RelayLoop} serves it: commands are read from the client
 * and written to the backend as they came (header included), responses read from the backend and
 * written to the client as they come, with {@link ResponseEnd} watching for their end. Both
 * sockets stay registered for reading the whole time (no epoll_ctl per statement); only a client
 * that reads its results slower than they come changes what is watched. With the result cache,
 * hits are answered from it here and forwarded misses are recorded for it. Runs on its worker's
 * thread only, apart from {@link #awaitHandback}.
 */
final class RelayLease {
    private static final System.Logger LOG = System.getLogger(RelayLease.class.getName());
    private static final int COMMAND_BUFFER = 16 * 1024, RESPONSE_BUFFER = 64 * 1024;

    private final LoopCommands commands;
    private final ResponseEnd end;
    /** What the client sent and was not forwarded yet, from 0 to position(). */
    private final ByteBuffer in = ByteBuffer.allocate(COMMAND_BUFFER);
    /** The command at the start of {@link #in}, as written to the backend. */
    private final ByteBuffer commandView = ByteBuffer.wrap(in.array());
    /** A response's bytes on their way to the client (flipped while the client cannot take them all). */
    private final ByteBuffer out = ByteBuffer.allocate(RESPONSE_BUFFER);
    // per lending (see lend): the buffers above are kept across lendings, one lease per relay
    private LentClient lent;
    private SocketChannel client, backend;
    private CompletableFuture<Handback> handback;
    /** Where the response in flight is copied for the result cache; null when it is not. */
    private ResponseRecording recording;
    /** The rest of a cached response the client could not take at once; null when none. */
    private ByteBuffer replay;
    /** The rest of a command the backend could not take at once; null when none. */
    private ByteBuffer command;
    private RelayLoop.Worker worker;
    private SelectionKey clientKey, backendKey;
    private boolean inFlight, relayedAny, clientGone, blockedOnClient, leaving;
    private Handback leavingWith;
    /** Since when the client has taken none of {@link #out} (System.nanoTime()), while blocked on it. */
    private long blockedSince;
    /** Commands served (answered or forwarded) in this lending. */
    private int served;
    /** Bytes moved and not yet told to the connection (see {@link LentClient#traffic}). */
    private long bytesIn, bytesOut;

    RelayLease(LoopCommands commands, boolean deprecateEof) {
        this.commands = commands;
        this.end = new ResponseEnd(deprecateEof);
    }

    /** Starts a lending of {@code lent}'s socket and {@code backend} (the connection's thread, before the worker sees it). */
    void lend(LentClient lent, SocketChannel backend) {
        this.lent = lent;
        this.client = lent.channel();
        this.backend = backend;
        handback = new CompletableFuture<>();
        in.clear();
        out.clear();
        command = null;
        replay = null;
        recording = null;
        worker = null;
        clientKey = null;
        backendKey = null;
        inFlight = relayedAny = clientGone = blockedOnClient = leaving = false;
        leavingWith = null;
        bytesIn = bytesOut = 0;
        served = 0;
    }

    /** Commands the last lending served (read once it was handed back). */
    int served() { return served; }

    /** On the worker: both sockets non-blocking and watched for reading. */
    void register(Selector selector, RelayLoop.Worker w) {
        worker = w;
        try {
            client.configureBlocking(false);
            backend.configureBlocking(false);
            clientKey = client.register(selector, SelectionKey.OP_READ, this);
            backendKey = backend.register(selector, SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            leave(Handback.NOTHING_READ); // the connection's thread finds out what is wrong
        }
    }

    /** The connection was closed under the lease (KILL, shutdown): give the thread back. */
    void abandon() {
        if (worker == null) { // never registered
            handback.complete(Handback.END);
            return;
        }
        if (inFlight) commands.lost(new IOException("the client connection was closed"));
        leave(Handback.END);
    }

    /** Selector callback. */
    static void ready(SelectionKey key) {
        RelayLease l = (RelayLease) key.attachment();
        if (l.leaving || !key.isValid()) return;
        try {
            if (key == l.clientKey) {
                if (key.isWritable()) l.clientWritable();
                if (!l.leaving && key.isValid() && key.isReadable()) l.clientReadable();
            } else if (key.isReadable() || key.isWritable()) {
                if (key.isWritable()) l.backendWritable();
                if (!l.leaving && key.isValid() && key.isReadable()) l.backendReadable();
            }
        } catch (BackendFailure e) {
            l.backendFailed(e.getCause() != null ? (Exception) e.getCause() : e);
        } catch (IOException | RuntimeException e) {
            l.clientFailed(e);
        }
    }

    private void clientReadable() throws IOException {
        if (!in.hasRemaining()) { // a pipelining client filled the buffer: read again after this response
            interest(clientKey, 0);
            return;
        }
        int n = client.read(in);
        if (n < 0) {
            clientGone = true;
            interest(clientKey, 0);
            if (!inFlight && replay == null) leave(unread());
            return;
        }
        if (!inFlight && replay == null) nextCommand();
    }

    /**
     * Serves the commands at the start of {@link #in}: answers cache hits here (one after another
     * while the client takes them at once), forwards a plain command, or gives the command to the
     * connection's thread.
     */
    private void nextCommand() throws IOException {
        while (!leaving) {
            int have = in.position();
            if (have < BackendChannel.HEADER) return;
            byte[] b = in.array();
            int length = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16;
            int size = BackendChannel.HEADER + length;
            if (length == 0 || length >= BackendChannel.MAX_PIECE || size > in.capacity()) {
                leave(unread());
                return;
            }
            if (have < size) return;
            if (b[3] != 0) {
                leave(unread());
                return;
            }
            byte[] hit = commands.cachedAnswer(b, BackendChannel.HEADER, length);
            if (hit != null) {
                if (!lent.commandStarts()) {
                    leave(unread());
                    return;
                }
                if (!answer(hit, size)) return; // the client takes the rest when it can
                continue;
            }
            LoopCommands.Forward f = commands.forwardable(b, BackendChannel.HEADER, length);
            if (f == null) {
                leave(unread());
                return;
            }
            if (!lent.commandStarts()) {
                commands.cancel();
                leave(unread());
                return;
            }
            forward(f, b, size);
            return;
        }
    }

    /** Sends the command of {@code size} bytes at the start of {@link #in} (or {@code f}'s packet in its place). */
    private void forward(LoopCommands.Forward f, byte[] b, int size) throws IOException {
        inFlight = true;
        served++;
        relayedAny = false;
        recording = f.recording();
        bytesIn += size;
        end.reset();
        ByteBuffer c = f.packet() == null ? commandView.limit(size).position(0) : framed(f.packet());
        try {
            backend.write(c);
        } catch (IOException e) {
            throw new BackendFailure(e);
        }
        if (c.hasRemaining()) { // the backend's buffer is full: the rest when it can take it
            command = ByteBuffer.wrap(java.util.Arrays.copyOfRange(c.array(), c.position(), c.limit()));
            interest(backendKey, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        consume(size);
    }

    /** A command payload with its header (sequence 0). */
    private static ByteBuffer framed(byte[] payload) {
        byte[] p = new byte[BackendChannel.HEADER + payload.length];
        p[0] = (byte) payload.length;
        p[1] = (byte) (payload.length >>> 8);
        p[2] = (byte) (payload.length >>> 16);
        System.arraycopy(payload, 0, p, BackendChannel.HEADER, payload.length);
        return ByteBuffer.wrap(p);
    }

    /**
     * Writes a response from the cache; true when the client took all of it, else the rest goes
     * when it can take it (see {@link #clientWritable}). The backend is not involved: it stays idle.
     */
    private boolean answer(byte[] response, int commandSize) throws IOException {
        served++;
        bytesIn += commandSize;
        consume(commandSize);
        ByteBuffer r = ByteBuffer.wrap(response);
        bytesOut += client.write(r);
        if (r.hasRemaining()) {
            replay = r;
            blockedOnClient = true;
            blockedSince = System.nanoTime();
            interest(clientKey, SelectionKey.OP_WRITE);
            return false;
        }
        answered();
        return !leaving;
    }

    /** A cached response is through. */
    private void answered() {
        countTraffic();
        lent.commandDone();
        if (clientGone) leave(unread());
    }

    private void backendWritable() throws IOException {
        try {
            backend.write(command);
        } catch (IOException e) {
            throw new BackendFailure(e);
        }
        if (!command.hasRemaining()) {
            command = null;
            interest(backendKey, blockedOnClient ? 0 : SelectionKey.OP_READ);
        }
    }

    private void backendReadable() throws IOException {
        int n;
        try {
            n = backend.read(out);
        } catch (IOException e) {
            throw new BackendFailure(e);
        }
        if (n < 0) throw new BackendFailure(new java.io.EOFException("the server closed the connection"));
        if (!inFlight) throw new BackendFailure(new IOException("the server sent " + n + " bytes outside a response"));
        int at = out.position() - n;
        if (end.feed(out.array(), at, n) < n || end.unsupported()) {
            throw new BackendFailure(new IOException("response out of step with its command"));
        }
        if (recording != null) recording.add(out.array(), at, n);
        out.flip();
        relayedAny = true;
        bytesOut += client.write(out);
        if (out.hasRemaining()) {
            blockedOnClient = true; // read no more of the response until the client took this
            blockedSince = System.nanoTime();
            interest(backendKey, command != null ? SelectionKey.OP_WRITE : 0);
            interest(clientKey, SelectionKey.OP_WRITE);
            return;
        }
        out.clear();
        if (end.done()) commandDone();
    }

    private void clientWritable() throws IOException {
        if (replay != null) {
            int n = client.write(replay);
            bytesOut += n;
            if (n > 0) blockedSince = System.nanoTime();
            if (replay.hasRemaining()) return;
            replay = null;
            blockedOnClient = false;
            interest(clientKey, clientGone ? 0 : SelectionKey.OP_READ);
            answered();
            if (in.position() > 0) nextCommand(); // pipelined meanwhile
            return;
        }
        int n = client.write(out);
        bytesOut += n;
        if (n > 0) blockedSince = System.nanoTime(); // as MySQL's, the timeout is for each write to make progress
        if (out.hasRemaining()) return;
        out.clear();
        blockedOnClient = false;
        interest(clientKey, clientGone ? 0 : SelectionKey.OP_READ);
        interest(backendKey, SelectionKey.OP_READ | (command != null ? SelectionKey.OP_WRITE : 0));
        if (end.done()) commandDone();
    }

    private void commandDone() throws IOException {
        inFlight = false;
        recording = null;
        commands.done(end.status(), end.warnings());
        countTraffic();
        lent.commandDone();
        if (clientGone) {
            leave(unread());
            return;
        }
        if (clientKey.interestOps() != SelectionKey.OP_READ) interest(clientKey, SelectionKey.OP_READ);
        if (in.position() > 0) nextCommand(); // a pipelined command came meanwhile
    }

    /** The backend failed: the client gets the relay's 1430 (in place of the rest of a response); the connection ends. */
    private void backendFailed(Exception cause) {
        if (inFlight) {
            SqlException error = commands.lost(cause);
            inFlight = false;
            lent.commandDone();
            writeQuietly(errorPacket(error, relayedAny ? end.lastSequence() + 1 : 1));
            leave(Handback.END);
        } else {
            // Between statements (KILL of the backend on the remote, its wait_timeout, a restart): the
            // session is gone, so the client's connection goes now, as MySQL closes a killed client's
            // socket, rather than when the client next sends a command.
            commands.lost(cause);
            leave(Handback.END);
        }
    }

    /**
     * The client has not taken any of a response for longer than net_write_timeout: MySQL aborts
     * the write and ends the connection. The backend is out of step (the rest of the response is
     * still coming), so it is closed, not pooled; the connection's thread ends the client's.
     */
    boolean writeTimedOut(long now) {
        if (leaving || !blockedOnClient || now - blockedSince <= commands.writeTimeoutNanos()) return false;
        LOG.log(System.Logger.Level.INFO, "passthrough: client not reading for net_write_timeout, closing");
        clientFailed(new IOException("the client did not read its result within net_write_timeout"));
        return true;
    }

    /** The selector key this lease watches its client on (the worker's timeout sweep looks at these). */
    boolean watchesClientOn(SelectionKey key) { return key == clientKey; }

    /** The client failed: a response half relayed leaves the backend out of step, so it goes too. */
    private void clientFailed(Exception cause) {
        if (inFlight) {
            commands.lost(cause);
            inFlight = false;
            lent.commandDone();
        }
        leave(Handback.END);
    }

    /** Stops watching both sockets; the handback completes once the worker's next select deregistered them. */
    private void leave(Handback with) {
        if (leaving) return;
        leaving = true;
        countTraffic();
        leavingWith = with;
        if (clientKey != null) clientKey.cancel();
        if (backendKey != null) backendKey.cancel();
        worker.returning(this);
    }

    /** On the worker, after the keys are deregistered: both sockets blocking again, the thread goes on. */
    void handBackNow() {
        for (SocketChannel c : new SocketChannel[] {client, backend}) {
            try {
                if (c.isOpen()) c.configureBlocking(true);
            } catch (IOException | RuntimeException ignored) {
                // closed meanwhile: the thread finds out
            }
        }
        handback.complete(leavingWith);
    }

    /** On the connection's thread: waits until the loop gives the client back. */
    Handback awaitHandback() {
        while (true) {
            try {
                return handback.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (worker != null && worker.isClosed()) return Handback.END;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Handback.END;
            } catch (ExecutionException e) {
                return Handback.END;
            }
        }
    }

    private void countTraffic() {
        if (bytesIn == 0 && bytesOut == 0) return;
        lent.traffic(bytesIn, bytesOut);
        bytesIn = bytesOut = 0;
    }

    private Handback unread() {
        if (in.position() == 0) return Handback.NOTHING_READ;
        return new Handback(java.util.Arrays.copyOf(in.array(), in.position()), false);
    }

    private void consume(int n) {
        int left = in.position() - n;
        if (left > 0) System.arraycopy(in.array(), n, in.array(), 0, left);
        in.position(left);
    }

    private static void interest(SelectionKey key, int ops) {
        if (key.interestOps() != ops) key.interestOps(ops);
    }

    private void writeQuietly(byte[] packet) {
        try {
            client.write(ByteBuffer.wrap(packet));
        } catch (IOException | RuntimeException ignored) {
            // the client is gone too
        }
    }

    /** An ERR packet, header included. */
    static byte[] errorPacket(SqlException e, int sequence) {
        byte[] message = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
        byte[] state = e.sqlState().getBytes(StandardCharsets.US_ASCII);
        int length = 1 + 2 + 1 + 5 + message.length;
        byte[] p = new byte[BackendChannel.HEADER + length];
        p[0] = (byte) length;
        p[1] = (byte) (length >>> 8);
        p[2] = (byte) (length >>> 16);
        p[3] = (byte) sequence;
        p[4] = (byte) 0xFF;
        p[5] = (byte) e.errorCode();
        p[6] = (byte) (e.errorCode() >>> 8);
        p[7] = '#';
        System.arraycopy(state, 0, p, 8, Math.min(5, state.length));
        System.arraycopy(message, 0, p, 13, message.length);
        return p;
    }
}
