package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;

/** What a client's relay lets its {@link RelayLoop} do, and hears back from it. */
interface LoopCommands {
    /**
     * May the loop forward this command (payload {@code b[at, at + length)}, command byte first)
     * and relay its response as it comes? It may adjust the bytes as the relay would.
     */
    boolean forwardable(byte[] b, int at, int length);

    /** The forwarded command's response is through, with this final status ({@link ResponseRelay#FAILED} after an ERR). */
    void done(int status);

    /** net_write_timeout of the session: how long the loop waits for a client that does not read its result. */
    long writeTimeoutNanos();

    /** The backend failed, or the client did mid-response: the relay lets the backend go; the error for the client. */
    SqlException lost(Exception cause);
}
