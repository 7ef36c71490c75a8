package dev.basalt.mysql.protocol;

/** Server status flags carried by OK and EOF packets. */
public final class ServerStatus {
    private ServerStatus() {}

    public static final int IN_TRANS = 0x0001;
    public static final int AUTOCOMMIT = 0x0002;
    /** The result set holds a prepared CALL's OUT parameter values. */
    public static final int PS_OUT_PARAMS = 0x1000;
    public static final int MORE_RESULTS_EXISTS = 0x0008;
    public static final int CURSOR_EXISTS = 0x0040;
    public static final int NO_BACKSLASH_ESCAPES = 0x0200;
    public static final int IN_TRANS_READONLY = 0x2000;
}
