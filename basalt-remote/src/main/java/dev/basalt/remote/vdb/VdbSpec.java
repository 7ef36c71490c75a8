package dev.basalt.remote.vdb;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a virtual database lives. Written in SQL as the database name
 * {@code alias__remote__HOST__PORT__DATABASE__USER__PASSWORD} (dots of HOST written as {@code _},
 * PASSWORD may be empty), optionally with the TLS mode first:
 * {@code alias__remote__SSLMODE__HOST__...} (the mysql client's --ssl-mode values, {@code -} written
 * {@code _}: {@code verify_identity}); stored in the catalog as {@link #encode()}, which holds the
 * password and so is never shown.
 *
 * @param connectTimeoutMs how long a statement waits for a pooled connection (a new login included) before 1429
 * @param readTimeoutMs    how long one remote statement may leave the socket silent before 1430 (Connector/J's socketTimeout)
 * @param sslMode the TLS mode its name gave, or null: the server-wide remote TLS (mysql-ssl-mode)
 */
record VdbSpec(String alias, String host, int port, String database, String user, String password,
               boolean readOnly, int poolSize, long connectTimeoutMs, long readTimeoutMs,
               dev.basalt.remote.tls.RemoteTls tls, dev.basalt.remote.tls.RemoteTls.Mode sslMode) {

    /** SQL-created databases and configured ones without read-timeout: 300 s, as before the setting existed. */
    static final long DEFAULT_READ_TIMEOUT_MS = 300_000;

    VdbSpec(String alias, String host, int port, String database, String user, String password,
            boolean readOnly, int poolSize, long connectTimeoutMs, long readTimeoutMs, dev.basalt.remote.tls.RemoteTls tls) {
        this(alias, host, port, database, user, password, readOnly, poolSize, connectTimeoutMs, readTimeoutMs, tls, null);
    }

    /** A SQL-created one without a TLS mode of its own. */
    VdbSpec(String alias, String host, int port, String database, String user, String password) {
        this(alias, host, port, database, user, password, (dev.basalt.remote.tls.RemoteTls.Mode) null);
    }

    /** A SQL-created one: writable, the default pool; TLS as {@link #withServerTls} decides. */
    VdbSpec(String alias, String host, int port, String database, String user, String password,
            dev.basalt.remote.tls.RemoteTls.Mode sslMode) {
        this(alias, host, port, database, user, password, false, 10, 3000, DEFAULT_READ_TIMEOUT_MS,
                dev.basalt.remote.tls.RemoteTls.DISABLED, sslMode);
    }

    /**
     * A SQL-created database's TLS: the server-wide remote TLS {@code server} (mysql-ssl-*), with
     * the mode its name gave, if any (the CA and client certificate still come from the server's settings).
     */
    VdbSpec withServerTls(dev.basalt.remote.tls.RemoteTls server) {
        dev.basalt.remote.tls.RemoteTls t = sslMode == null ? server
                : new dev.basalt.remote.tls.RemoteTls(sslMode, server.ca(),
                        sslMode == dev.basalt.remote.tls.RemoteTls.Mode.DISABLED ? null : server.client());
        return new VdbSpec(alias, host, port, database, user, password, readOnly, poolSize, connectTimeoutMs, readTimeoutMs, t, sslMode);
    }

    /** The TLS mode a name field spells ({@code verify_ca}, {@code REQUIRED}...), or null when it is none. */
    private static dev.basalt.remote.tls.RemoteTls.Mode modeField(String field) {
        for (dev.basalt.remote.tls.RemoteTls.Mode m : dev.basalt.remote.tls.RemoteTls.Mode.values()) {
            if (m.name().equalsIgnoreCase(field)) return m;
        }
        return null;
    }

    private static boolean isPort(String field) {
        return !field.isEmpty() && field.length() <= 5 && field.chars().allMatch(Character::isDigit);
    }

    static final String MARKER = "__remote__";
    private static final String FORMAT = "vdb1", FORMAT_WITH_TLS = "vdb2";

    /** The spec a CREATE DATABASE name denotes, or null when it is not a virtual database name. */
    static VdbSpec parseName(String name) {
        int at = name.indexOf(MARKER);
        if (at < 0) return null;
        String alias = name.substring(0, at);
        String rest = name.substring(at + MARKER.length());
        // a TLS mode first: then the host, then a port (a host named like a mode still reads as a host
        // when the field after it is its port)
        String[] probe = rest.split("__", 3);
        dev.basalt.remote.tls.RemoteTls.Mode mode = probe.length == 3 && isPort(probe[1]) ? null
                : probe.length >= 1 ? modeField(probe[0]) : null;
        if (mode != null) rest = rest.substring(probe[0].length() + 2);
        // the password is last and may itself contain "__": at most five fields
        String[] f = rest.split("__", 5);
        if (alias.isEmpty() || f.length < 4 || f[0].isEmpty() || f[2].isEmpty() || f[3].isEmpty()) {
            throw new SqlException(ErrorCode.ER_WRONG_DB_NAME, alias + MARKER + "...");
        }
        int port;
        try {
            port = Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            throw new SqlException(ErrorCode.ER_WRONG_DB_NAME, alias + MARKER + "...");
        }
        return new VdbSpec(alias, f[0].replace('_', '.'), port, f[2], f[3], f.length > 4 ? f[4] : "", mode);
    }

    /** The catalog form: one field per line after a format tag (vdb2: the TLS mode before the password). */
    String encode() {
        if (sslMode == null) return String.join("\n", FORMAT, alias, host, String.valueOf(port), database, user, password);
        return String.join("\n", FORMAT_WITH_TLS, alias, host, String.valueOf(port), database, user, sslMode.name(), password);
    }

    static VdbSpec decode(String s) {
        String[] f = s.split("\n", s.startsWith(FORMAT_WITH_TLS + "\n") ? 8 : 7);
        if (f.length == 8 && f[0].equals(FORMAT_WITH_TLS) && modeField(f[6]) != null) {
            return new VdbSpec(f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[7], modeField(f[6]));
        }
        if (f.length != 7 || !f[0].equals(FORMAT)) {
            throw new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE, "unreadable virtual database definition");
        }
        return new VdbSpec(f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6], null);
    }

    /** host:port/database, safe for messages. */
    String describe() { return host + ":" + port + "/" + database; }

    /** Which server and login can run one query over this database's tables and another's: no secrets. */
    String blockServer() { return user + "@" + host + ":" + port; }

    /** Which server a transaction is pinned to: pools are per spec, so this is per spec too. */
    String serverKey() { return user + "@" + host + ":" + port + "/" + database; }

    private static final Pattern IN_TEXT = Pattern.compile("__remote__[^\\s`'\";]*");

    /** The statement text with every virtual database name's password replaced by ***. */
    static String mask(String text) {
        Matcher m = IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // with a TLS mode first the fifth field holds user and password: both are masked then
            String[] f = m.group().substring(MARKER.length()).split("__", 5);
            String masked = f.length > 4 ? MARKER + String.join("__", f[0], f[1], f[2], f[3]) + "__***" : MARKER + "***";
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override public String toString() { return "VdbSpec[" + alias + " -> " + user + "@" + describe() + "]"; }
}
