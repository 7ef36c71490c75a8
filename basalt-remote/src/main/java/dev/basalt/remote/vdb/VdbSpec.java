package dev.basalt.remote.vdb;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a virtual database lives. Written in SQL as the database name
 * {@code alias__remote__HOST__PORT__DATABASE__USER__PASSWORD} (dots of HOST written as {@code _},
 * PASSWORD may be empty); stored in the catalog as {@link #encode()}, which holds the password and
 * so is never shown.
 */
record VdbSpec(String alias, String host, int port, String database, String user, String password,
               boolean readOnly, int poolSize, long connectTimeoutMs, dev.basalt.remote.tls.RemoteTls tls) {

    /** A SQL-created one: writable, the default pool, plain TCP (its catalog form has no room for more). */
    VdbSpec(String alias, String host, int port, String database, String user, String password) {
        this(alias, host, port, database, user, password, false, 10, 3000, dev.basalt.remote.tls.RemoteTls.DISABLED);
    }

    /** The same database over {@code t}: SQL-created ones take the server-wide remote TLS (see the provider). */
    VdbSpec withTls(dev.basalt.remote.tls.RemoteTls t) {
        return new VdbSpec(alias, host, port, database, user, password, readOnly, poolSize, connectTimeoutMs, t);
    }

    static final String MARKER = "__remote__";
    private static final String FORMAT = "vdb1";

    /** The spec a CREATE DATABASE name denotes, or null when it is not a virtual database name. */
    static VdbSpec parseName(String name) {
        int at = name.indexOf(MARKER);
        if (at < 0) return null;
        String alias = name.substring(0, at);
        // the password is last and may itself contain "__": at most five fields
        String[] f = name.substring(at + MARKER.length()).split("__", 5);
        if (alias.isEmpty() || f.length < 4 || f[0].isEmpty() || f[2].isEmpty() || f[3].isEmpty()) {
            throw new SqlException(ErrorCode.ER_WRONG_DB_NAME, alias + MARKER + "...");
        }
        int port;
        try {
            port = Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            throw new SqlException(ErrorCode.ER_WRONG_DB_NAME, alias + MARKER + "...");
        }
        return new VdbSpec(alias, f[0].replace('_', '.'), port, f[2], f[3], f.length > 4 ? f[4] : "");
    }

    /** The catalog form: one field per line after a format tag. */
    String encode() {
        return String.join("\n", FORMAT, alias, host, String.valueOf(port), database, user, password);
    }

    static VdbSpec decode(String s) {
        String[] f = s.split("\n", 7);
        if (f.length != 7 || !f[0].equals(FORMAT)) {
            throw new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE, "unreadable virtual database definition");
        }
        return new VdbSpec(f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6]);
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
            String[] f = m.group().substring(MARKER.length()).split("__", 5);
            String masked = f.length > 4 ? MARKER + String.join("__", f[0], f[1], f[2], f[3]) + "__***" : MARKER + "***";
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override public String toString() { return "VdbSpec[" + alias + " -> " + user + "@" + describe() + "]"; }
}
