package dev.basalt.mysql.relay;

import java.nio.channels.SocketChannel;

/**
 * A client connection's socket lent to a relay's event loop between commands (see
 * {@link CommandRelay#serveOnLoop}): the connection's thread waits meanwhile, and the loop tells
 * the connection when each command it serves starts and ends, so that shutdown and wait_timeout
 * see the connection busy or idle as they would if its thread served the command.
 */
public interface LentClient {
    /** The client's socket, in blocking mode and with nothing of it buffered by the connection. */
    SocketChannel channel();

    /** A command starts; false when the connection is closing (the command must not run). */
    boolean commandStarts();

    /** The command's response is through: the connection waits for a command again. */
    void commandDone();

    /**
     * The loop moved these bytes between the client and the backend (client's commands in, the
     * backend's responses out): they count in the connection's Bytes_received / Bytes_sent.
     */
    void traffic(long received, long sent);

    /** Runs {@code r} (once) when the connection is closed from another thread (KILL, shutdown); null: none. */
    void onClose(Runnable r);
}
