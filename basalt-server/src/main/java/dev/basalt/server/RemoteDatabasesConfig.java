package dev.basalt.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code remote-databases:} list of basalt.yaml into {@link RemoteDatabaseEntry}s.
 * Strict on purpose: a typo in a key (say {@code pasword}) would otherwise connect with no
 * password and fail far from its cause. Values arrive as text (ConfigFile keeps YAML scalars untyped).
 */
public final class RemoteDatabasesConfig {
    static final String KEY = "remote-databases";
    private static final Set<String> KEYS = Set.of("name", "host", "port", "database", "user", "password",
            "password-env", "read-only", "pool-size", "connect-timeout", "read-timeout", "cache",
            "cache-invalidation", "binlog-user", "binlog-password", "binlog-password-env", "binlog-server-id",
            "ssl-mode", "ssl-ca", "ssl-cert", "ssl-key");

    private RemoteDatabasesConfig() {}

    /**
     * @param value the YAML value of {@code remote-databases} (null or empty: none)
     * @param env   where {@code password-env} names are looked up
     */
    public static List<RemoteDatabaseEntry> parse(Object value, Map<String, String> env) {
        if (value == null || "".equals(value)) return List.of();
        if (!(value instanceof List<?> list)) {
            throw new SettingsException(KEY + ": must be a list of entries, each starting with '- name: ...'");
        }
        List<RemoteDatabaseEntry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            RemoteDatabaseEntry e = entry(i + 1, list.get(i), env);
            // database names are case-insensitive to clients, so duplicates are too
            if (!names.add(e.name().toLowerCase(Locale.ROOT))) {
                throw new SettingsException(KEY + ": the name '" + e.name() + "' is used by more than one entry");
            }
            out.add(e);
        }
        return List.copyOf(out);
    }

    private static RemoteDatabaseEntry entry(int n, Object item, Map<String, String> env) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new SettingsException(KEY + ": entry " + n + " must be a map like '- name: shop'");
        }
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new SettingsException(KEY + ": entry " + n + ": unknown key '" + k + "' (known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String name = required(map, "name", "entry " + n);
        String where = "entry '" + name + "'";
        String host = required(map, "host", where);
        String user = required(map, "user", where);
        int port = number(map, "port", 3306, 1, 65535, where);
        String password = password(map, where, env);
        return new RemoteDatabaseEntry(name, host, port, text(map, "database", where), user, password,
                flag(map, "read-only", where), number(map, "pool-size", 10, 1, 1000, where),
                number(map, "connect-timeout", 3, 1, 3600, where), flag(map, "cache", where), binlog(map, where, env),
                tls(map, where), number(map, "read-timeout", RemoteDatabaseEntry.DEFAULT_READ_TIMEOUT_SECONDS, 1, 86_400, where));
    }

    /**
     * {@code ssl-mode} (the mysql client's values; default disabled), {@code ssl-ca} (a PEM file), and
     * {@code ssl-cert} with {@code ssl-key}: the client certificate for accounts that REQUIRE X509.
     */
    private static dev.basalt.remote.tls.RemoteTls tls(Map<?, ?> map, String where) {
        try {
            return dev.basalt.server.tls.RemoteTlsFiles.read(text(map, "ssl-mode", where), text(map, "ssl-ca", where),
                    text(map, "ssl-cert", where), text(map, "ssl-key", where));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(KEY + ": " + where + ": " + e.getMessage());
        }
    }

    /** {@code cache-invalidation: binlog} and its replication account, or null ({@code ttl}, the default). */
    private static RemoteCacheSettings.BinlogInvalidation binlog(Map<?, ?> map, String where, Map<String, String> env) {
        String mode = text(map, "cache-invalidation", where).toLowerCase(Locale.ROOT);
        if (mode.isEmpty() || mode.equals("ttl")) {
            for (String k : List.of("binlog-user", "binlog-password", "binlog-password-env", "binlog-server-id")) {
                if (map.containsKey(k)) throw new SettingsException(KEY + ": " + where + ": " + k + " needs cache-invalidation: binlog");
            }
            return null;
        }
        if (!mode.equals("binlog")) {
            throw new SettingsException(KEY + ": " + where + ": cache-invalidation '" + mode + "' is not ttl or binlog");
        }
        if (!flag(map, "cache", where)) {
            throw new SettingsException(KEY + ": " + where + ": cache-invalidation: binlog needs cache: true");
        }
        String user = text(map, "binlog-user", where);
        String password = secret(map, "binlog-password", where, env);
        String id = text(map, "binlog-server-id", where);
        long serverId;
        try {
            serverId = id.isEmpty() ? 0 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            serverId = -1;
        }
        if (serverId < 0 || serverId > 4_294_967_295L) {
            throw new SettingsException(KEY + ": " + where + ": binlog-server-id '" + id + "' is not a whole number between 0 and 4294967295");
        }
        // an empty user means the entry's own account
        return new RemoteCacheSettings.BinlogInvalidation(user, password, serverId);
    }

    private static String password(Map<?, ?> map, String where, Map<String, String> env) {
        return secret(map, "password", where, env);
    }

    /** {@code key}, or the environment variable {@code key-env} names (one of the two). */
    private static String secret(Map<?, ?> map, String key, String where, Map<String, String> env) {
        String envKey = key + "-env";
        boolean direct = map.containsKey(key), fromEnv = map.containsKey(envKey);
        if (direct && fromEnv) {
            throw new SettingsException(KEY + ": " + where + ": give either " + key + " or " + envKey + ", not both");
        }
        if (!fromEnv) return text(map, key, where);
        String var = text(map, envKey, where);
        String value = var.isEmpty() ? null : env.get(var);
        if (value == null) {
            throw new SettingsException(KEY + ": " + where + ": " + envKey + " names the environment variable '" + var
                    + "', which is not set");
        }
        return value;
    }

    private static String text(Map<?, ?> map, String key, String where) {
        Object v = map.get(key);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new SettingsException(KEY + ": " + where + ": '" + key + "' must be a single value");
        }
        return v == null ? "" : v.toString().strip();
    }

    private static String required(Map<?, ?> map, String key, String where) {
        String v = text(map, key, where);
        if (v.isEmpty()) throw new SettingsException(KEY + ": " + where + ": '" + key + "' is required");
        return v;
    }

    private static int number(Map<?, ?> map, String key, int dflt, int min, int max, String where) {
        String v = text(map, key, where);
        if (v.isEmpty()) return dflt;
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) return i;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SettingsException(KEY + ": " + where + ": " + key + " '" + v + "' is not a whole number between "
                + min + " and " + max);
    }

    private static boolean flag(Map<?, ?> map, String key, String where) {
        String v = text(map, key, where).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "false", "no", "off" -> false;
            case "true", "yes", "on" -> true;
            default -> throw new SettingsException(KEY + ": " + where + ": " + key + " '" + v + "' is not true or false");
        };
    }
}
