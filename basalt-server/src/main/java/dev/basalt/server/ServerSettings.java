package dev.basalt.server;

import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The resolved settings of one server. Each field is checked on construction, so an instance is
 * always usable; the rule linking bind address and root password is checked at start
 * ({@link BindPolicy}), because it concerns two fields that may be changed one at a time.
 *
 * @param bind             address to listen on
 * @param port             TCP port; 0 picks a free one
 * @param dataDir          lmdb directory (ignored for memory storage)
 * @param storage          "lmdb" or "memory"
 * @param rootPassword     root's password, "" for none
 * @param durability       "wal" (default), "full" or "relaxed"
 * @param maxAllowedPacket max_allowed_packet in bytes
 * @param authPlugin       "caching_sha2_password" or "mysql_native_password"
 * @param maxConnections   most concurrent client connections
 * @param migrate          allow upgrading an older lmdb data directory
 * @param mysql            the MySQL server fronted in passthrough mode (storage "mysql")
 * @param remoteCache      the result cache for remote reads (size 0: off)
 * @param remoteDatabases  virtual databases defined by basalt.yaml's {@code remote-databases:} list
 * @param files            server directory for OUTFILE / LOAD DATA, and whether LOAD DATA LOCAL is on
 */
public record ServerSettings(String bind, int port, Path dataDir, String storage, String rootPassword,
                             String durability, long maxAllowedPacket, String authPlugin, int maxConnections,
                             boolean migrate, MysqlTarget mysql, RemoteCacheSettings remoteCache,
                             List<RemoteDatabaseEntry> remoteDatabases, FileAccessSettings files) {

    public static final Set<String> STORAGES = Set.of("lmdb", "memory", "mysql", "neon", "neon-memory");
    public static final Set<String> DURABILITIES = Set.of("full", "wal", "relaxed");
    public static final Set<String> AUTH_PLUGINS = Set.of("caching_sha2_password", "mysql_native_password");
    /** MySQL's own limits for max_allowed_packet. */
    public static final long MIN_PACKET = 1024, MAX_PACKET = 1L << 30;

    public ServerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        bind = Objects.requireNonNull(bind, "bind").strip();
        storage = lower(storage, "storage");
        durability = lower(durability, "durability");
        authPlugin = lower(authPlugin, "authPlugin");
        rootPassword = Objects.requireNonNull(rootPassword, "rootPassword");
        if (bind.isEmpty()) throw new SettingsException("bind: the address must not be empty");
        if (port < 0 || port > 65535) throw new SettingsException("port: " + port + " is not between 0 and 65535");
        requireOneOf("storage", storage, STORAGES);
        requireOneOf("durability", durability, DURABILITIES);
        requireOneOf("auth-plugin", authPlugin, AUTH_PLUGINS);
        if (maxAllowedPacket < MIN_PACKET || maxAllowedPacket > MAX_PACKET) {
            throw new SettingsException("max-allowed-packet: " + maxAllowedPacket + " is not between 1K and 1G");
        }
        if (maxConnections < 1) throw new SettingsException("max-connections: must be at least 1, got " + maxConnections);
        Objects.requireNonNull(mysql, "mysql");
        if (storage.equals("mysql") && mysql.host().isEmpty()) {
            throw new SettingsException("storage mysql: the server to front is needed (--mysql-host)");
        }
        Objects.requireNonNull(remoteCache, "remoteCache");
        remoteDatabases = List.copyOf(remoteDatabases);
        if (files == null) files = FileAccessSettings.DEFAULT;
    }

    /** Settings with the default file access (no server files, no LOCAL). */
    public ServerSettings(String bind, int port, Path dataDir, String storage, String rootPassword, String durability,
                          long maxAllowedPacket, String authPlugin, int maxConnections, boolean migrate, MysqlTarget mysql,
                          RemoteCacheSettings remoteCache, List<RemoteDatabaseEntry> remoteDatabases) {
        this(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate,
                mysql, remoteCache, remoteDatabases, FileAccessSettings.DEFAULT);
    }

    public ServerSettings withFiles(FileAccessSettings v) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin,
                maxConnections, migrate, mysql, remoteCache, remoteDatabases, v);
    }

    /** Settings without passthrough or a remote cache. */
    public ServerSettings(String bind, int port, Path dataDir, String storage, String rootPassword, String durability,
                          long maxAllowedPacket, String authPlugin, int maxConnections, boolean migrate) {
        this(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate,
                MysqlTarget.NONE, RemoteCacheSettings.OFF, List.of());
    }

    /** The defaults: lmdb in ./data, 127.0.0.1:3306, no root password. */
    public static ServerSettings defaults() {
        return new ServerSettings(Setting.BIND.defaultText(), Integer.parseInt(Setting.PORT.defaultText()),
                Path.of(Setting.DATA_DIR.defaultText()), Setting.STORAGE.defaultText(),
                Setting.ROOT_PASSWORD.defaultText(), Setting.DURABILITY.defaultText(),
                ByteSize.parse(Setting.MAX_ALLOWED_PACKET.defaultText()), Setting.AUTH_PLUGIN.defaultText(),
                Integer.parseInt(Setting.MAX_CONNECTIONS.defaultText()), false);
    }

    public ServerSettings withBind(String v) {
        return new ServerSettings(v, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withPort(int v) {
        return new ServerSettings(bind, v, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withDataDir(Path v) {
        return new ServerSettings(bind, port, v, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withStorage(String v) {
        return new ServerSettings(bind, port, dataDir, v, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withRootPassword(String v) {
        return new ServerSettings(bind, port, dataDir, storage, v, durability, maxAllowedPacket, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withDurability(String v) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, v, maxAllowedPacket, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withMaxAllowedPacket(long v) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, v, authPlugin, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withAuthPlugin(String v) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, v, maxConnections, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withMaxConnections(int v) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, v, migrate, mysql, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withMigrate(boolean v) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, v, mysql, remoteCache, remoteDatabases, files);
    }

    /** Passthrough: front the MySQL server {@code target} (storage "mysql"). */
    public ServerSettings withMysql(MysqlTarget target) {
        return new ServerSettings(bind, port, dataDir, "mysql", rootPassword, durability, maxAllowedPacket, authPlugin,
                maxConnections, migrate, target, remoteCache, remoteDatabases, files);
    }

    public ServerSettings withRemoteCache(RemoteCacheSettings cache) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin,
                maxConnections, migrate, mysql, cache, remoteDatabases, files);
    }

    public ServerSettings withRemoteDatabases(List<RemoteDatabaseEntry> dbs) {
        return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin,
                maxConnections, migrate, mysql, remoteCache, dbs, files);
    }

    /** Never prints the password itself. */
    @Override
    public String toString() {
        return "ServerSettings[bind=" + bind + ", port=" + port + ", dataDir=" + dataDir + ", storage=" + storage
                + ", rootPassword=" + (rootPassword.isEmpty() ? "(none)" : "(set)") + ", durability=" + durability
                + ", maxAllowedPacket=" + maxAllowedPacket + ", authPlugin=" + authPlugin
                + ", maxConnections=" + maxConnections + ", migrate=" + migrate + ", mysql=" + mysql
                + ", remoteCache=" + remoteCache + ", remoteDatabases=" + remoteDatabases + ", files=" + files + "]";
    }

    private static String lower(String value, String name) {
        return Objects.requireNonNull(value, name).strip().toLowerCase(Locale.ROOT);
    }

    private static void requireOneOf(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new SettingsException(key + ": '" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }
}
