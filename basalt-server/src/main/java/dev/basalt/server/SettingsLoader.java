package dev.basalt.server;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the server's settings from, in decreasing precedence: command-line flags, BASALT_*
 * environment variables, the config file, and the defaults. Pure: it reads the config file but
 * starts nothing, so every rule is unit-testable.
 */
public final class SettingsLoader {

    /** Names the config file when --config is not given. */
    public static final String CONFIG_ENV = "BASALT_CONFIG";
    public static final String DEFAULT_CONFIG_NAME = "basalt.yaml";

    private final Map<String, String> env;
    private final Path workingDir;

    /**
     * @param env        the environment (System.getenv() in production)
     * @param workingDir directory relative paths on the command line and in the environment are taken from
     */
    public SettingsLoader(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** A raw value and where it came from, for error messages and relative paths. */
    private record Sourced(String text, String source, Path baseDir) {}

    /**
     * @param flags      settings given on the command line (switches as "true")
     * @param configFlag the --config value, or null when not given
     */
    public ServerSettings load(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        Path file = locateConfig(configFlag).orElse(null);
        // only in the file: entries are structured, and their passwords come from password-env
        return build(raw).withRemoteDatabases(file == null ? List.of()
                : RemoteDatabasesConfig.parse(ConfigFile.readRemoteDatabases(file), env));
    }

    /** The HTTP API's settings from the same sources and precedence as {@link #load}. */
    public HttpSettings loadHttp(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        Sourced port = raw.get(Setting.HTTP_PORT);
        int timeout = (int) integer(raw.get(Setting.HTTP_STATEMENT_TIMEOUT), Setting.HTTP_STATEMENT_TIMEOUT, 0, 86_400);
        if (port.text().isBlank()) return new HttpSettings(-1, timeout);
        return new HttpSettings((int) integer(port, Setting.HTTP_PORT, 0, 65535), timeout);
    }

    /** The neon storage's settings (safekeepers, pageserver, branch, at, neon-cache-size), same precedence as {@link #load}. */
    public NeonSettings loadNeon(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        long cache;
        try {
            cache = ByteSize.parse(raw.get(Setting.NEON_CACHE_SIZE).text());
        } catch (NumberFormatException e) {
            throw invalid(raw.get(Setting.NEON_CACHE_SIZE), Setting.NEON_CACHE_SIZE, e.getMessage());
        }
        return NeonSettings.parse(raw.get(Setting.SAFEKEEPERS).text(), raw.get(Setting.PAGESERVER).text(),
                text(raw.get(Setting.BRANCH), Setting.BRANCH), raw.get(Setting.AT).text(), cache);
    }

    /** Query logs, log format and init file, from the same sources and precedence as {@link #load}. */
    public OperationsSettings loadOperations(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        Sourced longQueryTime = raw.get(Setting.LONG_QUERY_TIME);
        double seconds;
        try {
            seconds = Double.parseDouble(longQueryTime.text().strip());
        } catch (NumberFormatException e) {
            throw invalid(longQueryTime, Setting.LONG_QUERY_TIME, "expected a number of seconds, 0 or more");
        }
        if (!(seconds >= 0)) throw invalid(longQueryTime, Setting.LONG_QUERY_TIME, "expected a number of seconds, 0 or more");
        return new OperationsSettings(bool(raw.get(Setting.SLOW_QUERY_LOG), Setting.SLOW_QUERY_LOG),
                optionalPath(raw.get(Setting.SLOW_QUERY_LOG_FILE)), seconds,
                bool(raw.get(Setting.GENERAL_LOG), Setting.GENERAL_LOG), optionalPath(raw.get(Setting.GENERAL_LOG_FILE)),
                raw.get(Setting.LOG_OUTPUT).text().strip(),
                bool(raw.get(Setting.LOG_QUERIES_NOT_USING_INDEXES), Setting.LOG_QUERIES_NOT_USING_INDEXES),
                bool(raw.get(Setting.LOG_SLOW_ADMIN_STATEMENTS), Setting.LOG_SLOW_ADMIN_STATEMENTS),
                bool(raw.get(Setting.LOG_SLOW_EXTRA), Setting.LOG_SLOW_EXTRA),
                oneOf(raw.get(Setting.LOG_FORMAT), Setting.LOG_FORMAT, "text", "json"),
                optionalPath(raw.get(Setting.INIT_FILE)));
    }

    /** Every setting's raw text: flags over environment over the config file over the defaults. */
    private Map<Setting, Sourced> resolve(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) raw.put(s, new Sourced(s.defaultText(), "the default", workingDir));
        Path file = locateConfig(configFlag).orElse(null);
        if (file != null) {
            Path base = file.getParent();
            ConfigFile.read(file).forEach((s, v) -> raw.put(s, new Sourced(v, "'" + s.key() + "' in " + file, base)));
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.envVar());
            // An empty variable counts as unset, as `BASALT_PORT= bin/basalt server` suggests.
            if (v != null && !v.isEmpty()) raw.put(s, new Sourced(v, s.envVar(), workingDir));
        }
        flags.forEach((s, v) -> raw.put(s, new Sourced(v, s.flag(), workingDir)));
        return raw;
    }

    /**
     * TLS settings (ssl, ssl-cert, ssl-key, ssl-ca, http-tls, tls-version, ssl-cipher,
     * tls-ciphersuites, ssl-crl, ssl-crlpath) from the same sources and precedence as {@link #load}.
     */
    public dev.basalt.server.tls.TlsSettings loadTls(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        dev.basalt.server.tls.TlsOptions options = new dev.basalt.server.tls.TlsOptions(
                raw.get(Setting.TLS_VERSION).text().strip(), raw.get(Setting.SSL_CIPHER).text().strip(),
                raw.get(Setting.TLS_CIPHERSUITES).text().strip(), optionalPath(raw.get(Setting.SSL_CRL)),
                optionalPath(raw.get(Setting.SSL_CRLPATH)));
        return new dev.basalt.server.tls.TlsSettings(bool(raw.get(Setting.SSL), Setting.SSL),
                optionalPath(raw.get(Setting.SSL_CERT)), optionalPath(raw.get(Setting.SSL_KEY)),
                optionalPath(raw.get(Setting.SSL_CA)), bool(raw.get(Setting.HTTP_TLS), Setting.HTTP_TLS), options,
                dev.basalt.server.tls.TlsLibrary.parse(raw.get(Setting.TLS_LIBRARY).text()));
    }

    private static Path optionalPath(Sourced v) {
        return v.text().isBlank() ? null : resolve(v.text().strip(), v.baseDir(), v.source());
    }

    /** connect-timeout and max-unauthenticated-connections, with the same precedence as {@link #load}. */
    public PreLoginSettings loadPreLogin(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        return new PreLoginSettings(integer(raw.get(Setting.CONNECT_TIMEOUT), Setting.CONNECT_TIMEOUT, 2, 31_536_000),
                (int) integer(raw.get(Setting.MAX_UNAUTHENTICATED_CONNECTIONS), Setting.MAX_UNAUTHENTICATED_CONNECTIONS, 1, 100_000));
    }

    /** Memory limits, spill directory and LMDB's log and reserve sizes, with the same precedence as {@link #load}. */
    public ResourceSettings loadResources(Map<Setting, String> flags, String configFlag) {
        Map<Setting, Sourced> raw = resolve(flags, configFlag);
        return new ResourceSettings(optionalPath(raw.get(Setting.TMPDIR)),
                Math.max(0, anySize(raw.get(Setting.QUERY_MEMORY_LIMIT), Setting.QUERY_MEMORY_LIMIT, 1 << 20)),
                Math.max(0, anySize(raw.get(Setting.GLOBAL_MEMORY_LIMIT), Setting.GLOBAL_MEMORY_LIMIT, 1 << 20)),
                anySize(raw.get(Setting.WAL_SIZE), Setting.WAL_SIZE, 1 << 20),
                anySize(raw.get(Setting.DISK_RESERVE), Setting.DISK_RESERVE, 0),
                threadHandling(raw.get(Setting.THREAD_HANDLING)),
                (int) integer(raw.get(Setting.THREAD_CACHE_SIZE), Setting.THREAD_CACHE_SIZE, 0, 16384));
    }

    private static dev.basalt.engine.api.ThreadHandling threadHandling(Sourced v) {
        if (v.text().isBlank()) return dev.basalt.engine.api.ThreadHandling.ONE_THREAD_PER_CONNECTION;
        var mode = dev.basalt.engine.api.ThreadHandling.fromName(v.text());
        if (mode == null) throw invalid(v, Setting.THREAD_HANDLING, "expected one-thread-per-connection or pool-of-threads");
        return mode;
    }

    /** A size of at least {@code min} bytes (e.g. 512M); empty: -1, the setting's default. */
    private static long anySize(Sourced v, Setting s, long min) {
        if (v.text().isBlank()) return -1;
        long n;
        try {
            n = ByteSize.parse(v.text());
        } catch (NumberFormatException e) {
            throw invalid(v, s, e.getMessage());
        }
        if (n < min) throw invalid(v, s, "expected a size of at least " + (min == 0 ? "0" : (min >> 20) + "M"));
        return n;
    }

    /**
     * The PostgreSQL listener's port (pg-port), with the same precedence as {@link #load}; empty
     * when the listener is off. Kept apart from {@link ServerSettings}: only the server start-up needs it.
     */
    public java.util.OptionalInt pgPort(Map<Setting, String> flags, String configFlag) {
        Sourced v = new Sourced(Setting.PG_PORT.defaultText(), "the default", workingDir);
        Path file = locateConfig(configFlag).orElse(null);
        if (file != null) {
            String fromFile = ConfigFile.read(file).get(Setting.PG_PORT);
            if (fromFile != null) v = new Sourced(fromFile, "'" + Setting.PG_PORT.key() + "' in " + file, file.getParent());
        }
        String fromEnv = env.get(Setting.PG_PORT.envVar());
        if (fromEnv != null && !fromEnv.isEmpty()) v = new Sourced(fromEnv, Setting.PG_PORT.envVar(), workingDir);
        String fromFlag = flags.get(Setting.PG_PORT);
        if (fromFlag != null) v = new Sourced(fromFlag, Setting.PG_PORT.flag(), workingDir);
        if (v.text().isBlank()) return java.util.OptionalInt.empty();
        return java.util.OptionalInt.of((int) integer(v, Setting.PG_PORT, 0, 65535));
    }

    /**
     * The config file to read: --config, else $BASALT_CONFIG (both must exist), else
     * ./basalt.yaml when present.
     */
    public Optional<Path> locateConfig(String configFlag) {
        String envConfig = env.get(CONFIG_ENV);
        if (configFlag != null) return Optional.of(requireFile(configFlag, "--config"));
        if (envConfig != null && !envConfig.isEmpty()) return Optional.of(requireFile(envConfig, CONFIG_ENV));
        Path implicit = workingDir.resolve(DEFAULT_CONFIG_NAME);
        return Files.isRegularFile(implicit) ? Optional.of(implicit) : Optional.empty();
    }

    private Path requireFile(String name, String source) {
        Path file = resolve(name, workingDir, source);
        if (!Files.isRegularFile(file)) {
            throw new SettingsException("config file " + file + " (given by " + source + ") does not exist");
        }
        return file;
    }

    private ServerSettings build(Map<Setting, Sourced> raw) {
        Sourced dataDir = raw.get(Setting.DATA_DIR);
        Sourced secureFilePriv = raw.get(Setting.SECURE_FILE_PRIV);
        FileAccessSettings files = new FileAccessSettings(secureFilePriv.text().isBlank() ? null
                : resolve(secureFilePriv.text().strip(), secureFilePriv.baseDir(), secureFilePriv.source()),
                bool(raw.get(Setting.LOCAL_INFILE), Setting.LOCAL_INFILE));
        return new ServerSettings(
                text(raw.get(Setting.BIND), Setting.BIND),
                (int) integer(raw.get(Setting.PORT), Setting.PORT, 0, 65535),
                resolve(dataDir.text(), dataDir.baseDir(), dataDir.source()),
                oneOf(raw.get(Setting.STORAGE), Setting.STORAGE, ServerSettings.STORAGES.toArray(String[]::new)),
                raw.get(Setting.ROOT_PASSWORD).text(),
                oneOf(raw.get(Setting.DURABILITY), Setting.DURABILITY, ServerSettings.DURABILITIES.toArray(String[]::new)),
                size(raw.get(Setting.MAX_ALLOWED_PACKET), Setting.MAX_ALLOWED_PACKET),
                oneOf(raw.get(Setting.AUTH_PLUGIN), Setting.AUTH_PLUGIN, ServerSettings.AUTH_PLUGINS.toArray(String[]::new)),
                (int) integer(raw.get(Setting.MAX_CONNECTIONS), Setting.MAX_CONNECTIONS, 1, 100_000),
                bool(raw.get(Setting.MIGRATE), Setting.MIGRATE),
                new MysqlTarget(raw.get(Setting.MYSQL_HOST).text(),
                        (int) integer(raw.get(Setting.MYSQL_PORT), Setting.MYSQL_PORT, 1, 65535),
                        text(raw.get(Setting.MYSQL_USER), Setting.MYSQL_USER),
                        raw.get(Setting.MYSQL_PASSWORD).text(),
                        raw.get(Setting.MYSQL_DATABASE).text().strip(),
                        (int) integer(raw.get(Setting.MYSQL_CONNECT_TIMEOUT), Setting.MYSQL_CONNECT_TIMEOUT, 1, 3600),
                        remoteTls(raw.get(Setting.MYSQL_SSL_MODE), raw.get(Setting.MYSQL_SSL_CA),
                                raw.get(Setting.MYSQL_SSL_CERT), raw.get(Setting.MYSQL_SSL_KEY)),
                        (int) integer(raw.get(Setting.MYSQL_MULTIPLEX), Setting.MYSQL_MULTIPLEX, 0, 100_000),
                        file(raw.get(Setting.MYSQL_SOCKET))),
                new RemoteCacheSettings(cacheSize(raw.get(Setting.REMOTE_CACHE_SIZE)),
                        (int) integer(raw.get(Setting.REMOTE_CACHE_TTL), Setting.REMOTE_CACHE_TTL, 1, 86_400),
                        binlogInvalidation(raw)),
                List.of(), files);
    }

    /**
     * mysql-ssl-mode, mysql-ssl-ca, mysql-ssl-cert and mysql-ssl-key (relative paths are taken from
     * where they were given).
     */
    private static dev.basalt.remote.tls.RemoteTls remoteTls(Sourced mode, Sourced ca, Sourced cert, Sourced key) {
        String m = oneOf(mode, Setting.MYSQL_SSL_MODE, "disabled", "preferred", "required", "verify-ca", "verify-identity");
        try {
            return dev.basalt.server.tls.RemoteTlsFiles.read(m, file(ca), file(cert), file(key));
        } catch (IllegalArgumentException e) {
            Sourced at = cert.text().isBlank() && key.text().isBlank() ? ca : cert.text().isBlank() ? key : cert;
            throw new SettingsException("invalid mysql-ssl-* (from " + at.source() + "): " + e.getMessage());
        }
    }

    private static String file(Sourced v) {
        Path p = optionalPath(v);
        return p == null ? "" : p.toString();
    }

    /** {@code remote-cache-invalidation: binlog} and its account, or null for {@code ttl}. */
    private static RemoteCacheSettings.BinlogInvalidation binlogInvalidation(Map<Setting, Sourced> raw) {
        String mode = oneOf(raw.get(Setting.REMOTE_CACHE_INVALIDATION), Setting.REMOTE_CACHE_INVALIDATION, "ttl", "binlog");
        if (!mode.equals("binlog")) return null;
        return new RemoteCacheSettings.BinlogInvalidation(raw.get(Setting.REMOTE_CACHE_BINLOG_USER).text().strip(),
                raw.get(Setting.REMOTE_CACHE_BINLOG_PASSWORD).text(),
                integer(raw.get(Setting.REMOTE_CACHE_BINLOG_SERVER_ID), Setting.REMOTE_CACHE_BINLOG_SERVER_ID, 0, 4_294_967_295L));
    }

    private static SettingsException invalid(Sourced v, Setting s, String expected) {
        return new SettingsException("invalid " + s.key() + " '" + v.text() + "' (from " + v.source() + "): " + expected);
    }

    private static String text(Sourced v, Setting s) {
        String t = v.text().strip();
        if (t.isEmpty()) throw invalid(v, s, "a value is required");
        return t;
    }

    private static long integer(Sourced v, Setting s, long min, long max) {
        String expected = "expected a whole number from " + min + " to " + max;
        long n;
        try {
            n = Long.parseLong(v.text().strip());
        } catch (NumberFormatException e) {
            throw invalid(v, s, expected);
        }
        if (n < min || n > max) throw invalid(v, s, expected);
        return n;
    }

    private static long size(Sourced v, Setting s) {
        long n;
        try {
            n = ByteSize.parse(v.text());
        } catch (NumberFormatException e) {
            throw invalid(v, s, e.getMessage());
        }
        if (n < ServerSettings.MIN_PACKET || n > ServerSettings.MAX_PACKET) throw invalid(v, s, "expected a size from 1K to 1G");
        return n;
    }

    private static long cacheSize(Sourced v) {
        try {
            return ByteSize.parse(v.text());
        } catch (NumberFormatException e) {
            throw invalid(v, Setting.REMOTE_CACHE_SIZE, e.getMessage());
        }
    }

    private static String oneOf(Sourced v, Setting s, String... allowed) {
        String t = v.text().strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(t)) return a;
        }
        throw invalid(v, s, "expected one of " + String.join(", ", java.util.Arrays.stream(allowed).sorted().toList()));
    }

    private static boolean bool(Sourced v, Setting s) {
        return switch (v.text().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(v, s, "expected true or false");
        };
    }

    private static Path resolve(String path, Path base, String source) {
        if (path.isBlank()) throw new SettingsException("empty path (from " + source + ")");
        try {
            return base.resolve(path.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException("invalid path '" + path + "' (from " + source + "): " + e.getReason());
        }
    }
}
