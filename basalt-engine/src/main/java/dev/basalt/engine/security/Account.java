package dev.basalt.engine.security;

import dev.basalt.engine.api.UserAccount;

import java.util.HexFormat;
import java.util.List;

/**
 * A stored account: {@code 'user'@'host'}, its password hashes (both plugins' forms, so either
 * plugin can check it), its plugin, lock state and privileges.
 */
public record Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                      byte[] sha256Hash, boolean locked, Grants grants, List<String> roles, List<String> defaultRoles,
                      boolean requireSsl) {

    /** An account without REQUIRE SSL (mysql.user ssl_type ''). */
    public Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                   byte[] sha256Hash, boolean locked, Grants grants, List<String> roles, List<String> defaultRoles) {
        this(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, false);
    }

    public Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                   byte[] sha256Hash, boolean locked, Grants grants) {
        this(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, List.of(), List.of());
    }

    /** "user\0host", how role lists name accounts. */
    public String key() { return key(user, host); }

    public static String key(String user, String host) { return user + "\0" + host.toLowerCase(java.util.Locale.ROOT); }

    public Account withRoles(List<String> roles, List<String> defaultRoles) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants,
                List.copyOf(roles), List.copyOf(defaultRoles), requireSsl);
    }
    public static final String NATIVE = "mysql_native_password";
    public static final String CACHING_SHA2 = "caching_sha2_password";

    public static Account create(String user, String host, String plugin, String password) {
        UserAccount hashes = UserAccount.withPassword(user, password);
        return new Account(user, host, plugin, hashes.emptyPassword(), hashes.nativeHash(), hashes.sha256Hash(), false, Grants.NONE);
    }

    public Account withPassword(String plugin, String password) {
        UserAccount hashes = UserAccount.withPassword(user, password);
        return new Account(user, host, plugin == null ? this.plugin : plugin, hashes.emptyPassword(), hashes.nativeHash(),
                hashes.sha256Hash(), locked, grants, roles, defaultRoles, requireSsl);
    }

    public Account withLocked(boolean locked) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, requireSsl);
    }

    public Account withRequireSsl(boolean requireSsl) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles,
                requireSsl);
    }

    public Account withGrants(Grants grants) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, requireSsl);
    }

    public Account renamed(String user, String host) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, requireSsl);
    }

    public UserAccount forLogin() {
        return new UserAccount(user, emptyPassword, nativeHash, sha256Hash, plugin, locked, requireSsl);
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
        // v3 adds a line (ssl_type) before the grants; only accounts that need it are written as v3
        String text = (requireSsl ? "v3\n" : "v2\n") + plugin + "\n" + (emptyPassword ? "-" : hex.formatHex(nativeHash)) + "\n"
                + (emptyPassword ? "-" : hex.formatHex(sha256Hash)) + "\n" + (locked ? "1" : "0") + "\n"
                + user + "\n" + host + "\n" + names(roles) + "\n" + names(defaultRoles) + "\n"
                + (requireSsl ? "ANY\n" : "") + grants.encode();
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Account decode(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        boolean v1 = text.startsWith("v1\n"), v3 = text.startsWith("v3\n");
        String[] l = text.split("\n", v1 ? 8 : v3 ? 11 : 10);
        HexFormat hex = HexFormat.of();
        boolean empty = l[2].equals("-");
        int grantsLine = v1 ? 7 : v3 ? 10 : 9;
        return new Account(l[5], l[6], l[1], empty, empty ? new byte[0] : hex.parseHex(l[2]),
                empty ? new byte[0] : hex.parseHex(l[3]), l[4].equals("1"),
                Grants.decode(l.length > grantsLine ? l[grantsLine] : ""),
                v1 ? List.of() : parseNames(l[7]), v1 ? List.of() : parseNames(l[8]), v3 && l[9].equals("ANY"));
    }

    /** Role lists: url-encoded "user\0host" keys separated by commas. */
    private static String names(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static List<String> parseNames(String line) {
        if (line.isEmpty()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (String p : line.split(",")) out.add(java.net.URLDecoder.decode(p, java.nio.charset.StandardCharsets.UTF_8));
        return List.copyOf(out);
    }
}
