package dev.basalt.engine.security;

import dev.basalt.engine.api.CachingSha2Hash;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.ScramVerifier;
import dev.basalt.engine.api.TlsRequirement;
import dev.basalt.engine.api.UserAccount;

import java.util.HexFormat;
import java.util.List;

/**
 * A stored account: {@code 'user'@'host'}, its password hashes, its plugin, lock state, TLS
 * requirement and privileges.
 *
 * <p>Hashes: a password set from its cleartext gives MySQL 8's salted caching_sha2 hash
 * ({@code $A$005$}, {@link #sha2Crypt}), the PostgreSQL port's SCRAM verifier (salted too) and, in
 * memory only, the unsalted forms (SHA1(SHA1(pw)) and SHA-256(pw)) that let either plugin and
 * caching_sha2's fast path work for the rest of the process. The catalog keeps only salted forms
 * for a caching_sha2 account, as mysql.user does; a native account also keeps SHA1(SHA1(pw)),
 * MySQL's own (unsalted) native hash. After a restart a caching_sha2 account therefore logs in with
 * a full authentication first, as in MySQL 8.
 */
public record Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                      byte[] sha256Hash, boolean locked, Grants grants, List<String> roles, List<String> defaultRoles,
                      TlsRequirement tls, ScramVerifier scram, CachingSha2Hash sha2Crypt) {

    /** An account without MySQL's salted caching_sha2 hash (every account but those restored from one). */
    public Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                   byte[] sha256Hash, boolean locked, Grants grants, List<String> roles, List<String> defaultRoles,
                   TlsRequirement tls, ScramVerifier scram) {
        this(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, tls, scram, null);
    }

    /** An account without a TLS requirement or SCRAM verifier. */
    public Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                   byte[] sha256Hash, boolean locked, Grants grants, List<String> roles, List<String> defaultRoles) {
        this(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles,
                TlsRequirement.NONE, null);
    }

    public Account(String user, String host, String plugin, boolean emptyPassword, byte[] nativeHash,
                   byte[] sha256Hash, boolean locked, Grants grants) {
        this(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, List.of(), List.of());
    }

    /** REQUIRE SSL or stricter (mysql.user ssl_type other than ''). */
    public boolean requireSsl() { return !tls.none(); }

    /** "user\0host", how role lists name accounts. */
    public String key() { return key(user, host); }

    public static String key(String user, String host) { return user + "\0" + host.toLowerCase(java.util.Locale.ROOT); }

    public Account withRoles(List<String> roles, List<String> defaultRoles) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants,
                List.copyOf(roles), List.copyOf(defaultRoles), tls, scram, sha2Crypt);
    }
    public static final String NATIVE = "mysql_native_password";
    public static final String CACHING_SHA2 = "caching_sha2_password";

    public static Account create(String user, String host, String plugin, String password) {
        return new Account(user, host, plugin, true, new byte[0], new byte[0], false, Grants.NONE).withPassword(null, password);
    }

    /** A new password: every form is derived from the cleartext (SCRAM verifier and $A$005$ hash with fresh salts). */
    public Account withPassword(String plugin, String password) {
        UserAccount hashes = UserAccount.withPassword(user, password);
        boolean empty = hashes.emptyPassword();
        return new Account(user, host, plugin == null ? this.plugin : plugin, empty, hashes.nativeHash(),
                hashes.sha256Hash(), locked, grants, roles, defaultRoles, tls,
                empty ? null : ScramVerifier.create(password), empty ? null : CachingSha2Hash.create(password));
    }

    /**
     * {@code IDENTIFIED WITH plugin AS 'hash'}: the account takes a stored hash as
     * mysql.user.authentication_string shows it (how dumps restore accounts). Only that plugin's
     * form is known then, so the other plugin and the PostgreSQL port's SCRAM cannot check it
     * until the password is set again.
     *
     * <p>For caching_sha2_password both MySQL 8's salted form ({@code $A$005$} + salt + digest) and
     * Basalt's own unsalted {@code $B$HEX} are taken. The hash is one char per byte ({@code AS 0x...}
     * gives raw bytes, a quoted string its UTF-8 bytes).
     *
     * @throws dev.basalt.engine.api.SqlException 1827 for a hash of the wrong form
     */
    public Account withHash(String plugin, String hash) {
        byte[] nativeHash = new byte[0], sha256 = new byte[0];
        CachingSha2Hash crypt = null;
        boolean empty = hash.isEmpty();
        if (!empty && plugin.equals(NATIVE)) {
            nativeHash = parseHex(hash, "*", 40);
        } else if (!empty && CachingSha2Hash.looksLike(hash)) {
            crypt = CachingSha2Hash.parse(hash);
        } else if (!empty) {
            sha256 = parseHex(hash, "$B$", 64);
        }
        return new Account(user, host, plugin, empty, nativeHash, sha256, locked, grants, roles, defaultRoles, tls, null, crypt);
    }

    private static byte[] parseHex(String hash, String prefix, int digits) {
        String hex = hash.startsWith(prefix) ? hash.substring(prefix.length()) : "";
        if (hex.length() != digits || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw ErrorCode.ER_PASSWORD_FORMAT.error();
        }
        return HexFormat.of().parseHex(hex);
    }

    public Account withLocked(boolean locked) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, tls, scram, sha2Crypt);
    }

    public Account withTls(TlsRequirement tls) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles,
                tls, scram, sha2Crypt);
    }

    public Account withGrants(Grants grants) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, tls, scram, sha2Crypt);
    }

    public Account renamed(String user, String host) {
        return new Account(user, host, plugin, emptyPassword, nativeHash, sha256Hash, locked, grants, roles, defaultRoles, tls, scram, sha2Crypt);
    }

    public UserAccount forLogin() {
        return new UserAccount(user, emptyPassword, nativeHash, sha256Hash, plugin, locked, tls, scram, sha2Crypt);
    }

    /** {@code 'user'@'host'} as MySQL quotes accounts in messages. */
    public String quoted() { return quoted(user, host); }

    public static String quoted(String user, String host) { return "'" + user + "'@'" + host + "'"; }

    /**
     * mysql.user's authentication_string: MySQL's "*HEX" for native; for caching_sha2 MySQL's
     * salted hash (one char per byte), or Basalt's old unsalted "$B$" form for an account that only
     * has that (restored with AS '$B$...', or stored by a build before salted hashes).
     */
    public String authenticationString() {
        if (emptyPassword) return "";
        if (plugin.equals(NATIVE)) return nativeHash.length == 0 ? "" : "*" + HexFormat.of().withUpperCase().formatHex(nativeHash);
        if (sha2Crypt != null) return sha2Crypt.text();
        return sha256Hash.length == 0 ? "" : "$B$" + HexFormat.of().withUpperCase().formatHex(sha256Hash);
    }

    // ---------------------------------------------------------------- persistence

    public byte[] encode() {
        HexFormat hex = HexFormat.of();
        // v3 adds a line (ssl_type) before the grants; v4 four more (issuer, subject, cipher, SCRAM
        // verifier). Each account is written in the oldest form that holds it, so data directories
        // without such accounts stay readable by older builds.
        boolean v4 = scram != null || !(tls.none() || tls.type().equals("ANY"));
        String version = v4 ? "v4\n" : tls.none() ? "v2\n" : "v3\n";
        // a caching_sha2 account with its salted hash leaves the unsalted native one out (as mysql.user does)
        boolean saltedOnly = sha2Crypt != null && !plugin.equals(NATIVE);
        String text = version + plugin + "\n" + (emptyPassword ? "-" : saltedOnly ? "" : hex.formatHex(nativeHash)) + "\n"
                + (emptyPassword ? "-" : sha2Crypt != null ? "$" + sha2Crypt.hex() : hex.formatHex(sha256Hash)) + "\n" + (locked ? "1" : "0") + "\n"
                + user + "\n" + host + "\n" + names(roles) + "\n" + names(defaultRoles) + "\n"
                + (tls.none() && !v4 ? "" : tls.type() + "\n")
                + (v4 ? optional(tls.issuer()) + "\n" + optional(tls.subject()) + "\n" + optional(tls.cipher()) + "\n"
                        + (scram == null ? "-" : scram.encode()) + "\n" : "")
                + grants.encode();
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Account decode(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        boolean v1 = text.startsWith("v1\n"), v3 = text.startsWith("v3\n"), v4 = text.startsWith("v4\n");
        int grantsLine = v1 ? 7 : v4 ? 14 : v3 ? 10 : 9;
        String[] l = text.split("\n", grantsLine + 1);
        HexFormat hex = HexFormat.of();
        boolean empty = l[2].equals("-");
        TlsRequirement tls = v4 ? TlsRequirement.of(l[9], optionalValue(l[10]), optionalValue(l[11]), optionalValue(l[12]))
                : v3 && l[9].equals("ANY") ? TlsRequirement.SSL : TlsRequirement.NONE;
        // the SHA-256 line holds "$" + hex for an account restored from MySQL's salted caching_sha2 hash
        boolean crypt = !empty && l[3].startsWith("$");
        return new Account(l[5], l[6], l[1], empty, empty ? new byte[0] : hex.parseHex(l[2]),
                empty || crypt ? new byte[0] : hex.parseHex(l[3]), l[4].equals("1"),
                Grants.decode(l.length > grantsLine ? l[grantsLine] : ""),
                v1 ? List.of() : parseNames(l[7]), v1 ? List.of() : parseNames(l[8]), tls,
                v4 ? ScramVerifier.parse(l[13]) : null, crypt ? CachingSha2Hash.fromHex(l[3].substring(1)) : null);
    }

    /** A nullable text on one line: "-" for null, else "=" and the url-encoded text. */
    private static String optional(String value) {
        return value == null ? "-" : "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String optionalValue(String line) {
        return line.equals("-") ? null : java.net.URLDecoder.decode(line.substring(1), java.nio.charset.StandardCharsets.UTF_8);
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
