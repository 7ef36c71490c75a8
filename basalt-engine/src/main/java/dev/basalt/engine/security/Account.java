package dev.basalt.engine.security;

import dev.basalt.engine.api.UserAccount;

import java.util.HexFormat;

/**
 * A stored account: {@code 'user'@'host'}, its password hashes (both plugins' forms, so either
 * plugin can check it), its plugin, lock state and privileges.
 */
public record Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                      byte[] sha256Hash, boolean locked, Grants grants) {
    public static final String NATIVE = "mysql_native_password";
    public static final String CACHING_SHA2 = "caching_sha2_password";

    public static Account create(String user, String host, String plugin, String password) {
        UserAccount hashes = UserAccount.withPassword(user, password);
        return new Account(user, host, plugin, hashes.emptyPassword(), hashes.nativeHash(), hashes.sha256Hash(), false, Grants.NONE);
    }

    public Account withPassword(String plugin, String password) {
        UserAccount hashes = UserAccount.withPassword(user, password);
        return new Account(user, host, plugin == null ? this.plugin : plugin, hashes.emptyPassword(), hashes.nativeHash(),
                hashes.sha256Hash(), locked, grants);
    }

    public Account withLocked(boolean locked) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants);
    }

    public Account withGrants(Grants grants) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants);
    }

    public Account renamed(String user, String host) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants);
    }

    public UserAccount forLogin() {
        return new UserAccount(user, emptyPassword, nativeHash, sha256Hash, plugin, locked);
    }

    /** {@code 'user'@'host'} as MySQL quotes accounts in messages. */
    public String quoted() { return quoted(user, host); }

    public static String quoted(String user, String host) { return "'" + user + "'@'" + host + "'"; }

    /** mysql.user's authentication_string: MySQL's "*HEX" for native; ours for caching_sha2 (unsalted). */
    public String authenticationString() {
        if (emptyPassword) return "";
        if (plugin.equals(NATIVE)) return "*" + HexFormat.of().withUpperCase().formatHex(nativeHash);
        return "$B$" + HexFormat.of().withUpperCase().formatHex(sha256Hash);
    }

    // ---------------------------------------------------------------- persistence

    public byte[] encode() {
        HexFormat hex = HexFormat.of();
        String text = "v1\n" + plugin + "\n" + (emptyPassword ? "-" : hex.formatHex(nativeHash)) + "\n"
                + (emptyPassword ? "-" : hex.formatHex(sha256Hash)) + "\n" + (locked ? "1" : "0") + "\n"
                + user + "\n" + host + "\n" + grants.encode();
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Account decode(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        String[] l = text.split("\n", 8);
        HexFormat hex = HexFormat.of();
        boolean empty = l[2].equals("-");
        return new Account(l[5], l[6], l[1], empty, empty ? new byte[0] : hex.parseHex(l[2]),
                empty ? new byte[0] : hex.parseHex(l[3]), l[4].equals("1"), Grants.decode(l.length > 7 ? l[7] : ""));
    }
}
