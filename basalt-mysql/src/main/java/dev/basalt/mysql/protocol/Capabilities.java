package dev.basalt.mysql.protocol;

/** Capability flags exchanged in the handshake (MySQL's CLIENT_* constants). */
public final class Capabilities {
    private Capabilities() {}

    public static final int LONG_PASSWORD = 1;
    public static final int FOUND_ROWS = 1 << 1;
    public static final int LONG_FLAG = 1 << 2;
    public static final int CONNECT_WITH_DB = 1 << 3;
    /** LOAD DATA LOCAL INFILE: the engine asks the client for the file (in passthrough mode the relayed server does). */
    public static final int LOCAL_FILES = 1 << 7;
    public static final int PROTOCOL_41 = 1 << 9;
    public static final int SSL = 1 << 11;
    public static final int TRANSACTIONS = 1 << 13;
    public static final int SECURE_CONNECTION = 1 << 15;
    public static final int MULTI_STATEMENTS = 1 << 16;
    public static final int MULTI_RESULTS = 1 << 17;
    public static final int PS_MULTI_RESULTS = 1 << 18;
    public static final int PLUGIN_AUTH = 1 << 19;
    public static final int CONNECT_ATTRS = 1 << 20;
    public static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    public static final int SESSION_TRACK = 1 << 23;
    public static final int DEPRECATE_EOF = 1 << 24;

    /**
     * What this server offers. No SSL and no session tracking yet; LONG_PASSWORD also tells
     * MariaDB clients that this is a MySQL-flavoured server.
     */
    public static final int SERVER = LONG_PASSWORD | FOUND_ROWS | LONG_FLAG | CONNECT_WITH_DB | PROTOCOL_41
            | TRANSACTIONS | SECURE_CONNECTION | MULTI_STATEMENTS | MULTI_RESULTS | PS_MULTI_RESULTS
            | PLUGIN_AUTH | CONNECT_ATTRS | PLUGIN_AUTH_LENENC_CLIENT_DATA | DEPRECATE_EOF;
}
