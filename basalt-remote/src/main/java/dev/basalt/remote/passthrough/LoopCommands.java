package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;

/** What a client's relay lets its {@link RelayLoop} do, and hears back from it. */
interface LoopCommands {
    /**
     * How the loop forwards a command it may forward: {@code packet} in place of the one read
     * (null: as read), its response copied to {@code recording} too (null: not recorded).
     */
    record Forward(byte[] packet, ResponseRecording recording) {
        static final Forward AS_READ = new Forward(null, null);
    }

    /**
     * May the loop forward this command (payload {@code b[at, at + length)}, command byte first)
     * and relay its response as it comes? Null: no, the connection's thread serves it. It may
     * adjust the bytes as the relay would. A command it says yes to ends in exactly one of
     * {@link #done}, {@link #lost} or {@link #cancel}.
     */
    Forward forwardable(byte[] b, int at, int length);

    /**
     * The whole response to this command from the result cache (framed packets, sequence ids from
     * 1), or null when it is not a current hit: the loop then forwards the command or hands it to
     * the connection's thread. A hit is answered as the connection's thread would answer it.
     */
    default byte[] cachedAnswer(byte[] b, int at, int length) { return null; }

    /**
     * The forwarded command's response is through, with this final status ({@link ResponseRelay#FAILED}
     * after an ERR) and the warning count of its last OK or EOF.
     */
    void done(int status, int warnings);

    /** A command {@link #forwardable} said yes to is not sent after all (the connection is closing). */
    default void cancel() {}

    /** net_write_timeout of the session: how long the loop waits for a client that does not read its result. */
    long writeTimeoutNanos();

    /** The backend failed, or the client did mid-response: the relay lets the backend go; the error for the client. */
    SqlException lost(Exception cause);
}
