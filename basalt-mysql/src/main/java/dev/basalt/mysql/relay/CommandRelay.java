package dev.basalt.mysql.relay;

import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;

import java.io.IOException;

/**
 * Serves one authenticated client's commands somewhere else (passthrough to another MySQL
 * server) instead of in the engine. The connection still owns the client socket, login,
 * COM_QUIT and COM_CHANGE_USER; everything else reaches {@link #handle}. The relayed server may
 * ask the client for a file (LOAD DATA LOCAL INFILE): the relay then reads it from {@code more}.
 */
public interface CommandRelay extends AutoCloseable {

    /**
     * Handles one command packet (the payload starts with the command byte, sequence id 0) and
     * writes its complete response to {@code client}: relayed frames through
     * {@link PacketWriter#framed}, or packets of its own. The caller flushes.
     *
     * @return false, having written nothing, for a command Basalt answers itself (its own status
     *         variables): the connection then runs it in the engine
     * @throws dev.basalt.engine.api.SqlException to answer with an ERR packet (sent after any
     *         frames already relayed, so a failure mid-result reaches the client in place of a row)
     * @throws IOException when the client connection fails
     */
    boolean handle(Payload command, PacketWriter client, ClientPackets more) throws IOException;

    /**
     * After COM_CHANGE_USER logged the client in again: forget the old identity's session state
     * and use {@code database} (may be null).
     */
    void reset(String database);

    /**
     * Called when the connection waits for the client's next command with nothing buffered: a
     * relay that can forward plain commands on an event loop (no thread wake-up of its own per
     * command) serves them there until one needs this thread, and returns it. Null: not lent,
     * the connection reads the command itself.
     */
    default Handback serveOnLoop(LentClient client) throws IOException { return null; }

    /**
     * How the relay closes its client's connection at once (KILL CONNECTION of it, which the relay
     * serves: MySQL closes a killed client's socket right away, not at its next command).
     */
    default void hangUpWith(Runnable hangUp) {}

    /**
     * net_write_timeout as the relayed session has it, in nanoseconds, for the connection's
     * watchdog on a client that stops reading; 0: the connection's own.
     */
    default long writeTimeoutNanos() { return 0; }

    /** Ends the relay; idempotent. */
    @Override
    void close();
}
