package dev.basalt.server;

import dev.basalt.engine.api.ThreadHandling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

    @BeforeEach
    void cleanState() {
        env.clear();
        flags.clear();
    }

    private ServerSettings load() {
        return load(null);
    }

    private ServerSettings load(String configFlag) {
        return new SettingsLoader(env, dir).load(flags, configFlag);
    }

    private void yaml(String text) throws IOException {
        Files.writeString(dir.resolve("basalt.yaml"), text);
    }

    private SettingsException failure(String configFlag) {
        return assertThrows(SettingsException.class, () -> load(configFlag));
    }

    @Test
    void defaultsWithoutAnyInput() {
        ServerSettings s = load();
        assertEquals("127.0.0.1", s.bind());
        assertEquals(3306, s.port());
        assertEquals(dir.toAbsolutePath().resolve("data"), s.dataDir());
        assertEquals("lmdb", s.storage());
        assertEquals("", s.rootPassword());
        assertEquals("wal", s.durability());
        assertEquals(64L << 20, s.maxAllowedPacket());
        assertEquals("caching_sha2_password", s.authPlugin());
        assertEquals(151, s.maxConnections());
        assertFalse(s.migrate());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsFileWhichBeatsDefaults() throws IOException {
        yaml("port: 1001\nbind: 127.0.0.2\nstorage: memory\n");
        env.put("BASALT_PORT", "2002");
        env.put("BASALT_BIND", "127.0.0.3");
        flags.put(Setting.PORT, "3003");

        ServerSettings s = load();
        assertEquals(3003, s.port(), "flag wins");
        assertEquals("127.0.0.3", s.bind(), "environment beats file");
        assertEquals("memory", s.storage(), "file beats default");
        assertEquals(151, s.maxConnections(), "default when nobody sets it");

        flags.clear();
        assertEquals(2002, load().port());
        env.clear();
        assertEquals(1001, load().port());
    }

    @Test
    void everySettingHasAnEnvironmentVariable() {
        env.put("BASALT_BIND", "::1");
        env.put("BASALT_PORT", "0");
        env.put("BASALT_DATA_DIR", "elsewhere");
        env.put("BASALT_STORAGE", "MEMORY");
        env.put("BASALT_ROOT_PASSWORD", "s3cret");
        env.put("BASALT_DURABILITY", "relaxed");
        env.put("BASALT_MAX_ALLOWED_PACKET", "16M");
        env.put("BASALT_AUTH_PLUGIN", "mysql_native_password");
        env.put("BASALT_MAX_CONNECTIONS", "500");
        env.put("BASALT_MIGRATE", "yes");

        ServerSettings s = load();
        assertEquals(new ServerSettings("::1", 0, dir.toAbsolutePath().resolve("elsewhere"), "memory", "s3cret",
                "relaxed", 16L << 20, "mysql_native_password", 500, true), s);
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        env.put("BASALT_PORT", "");
        env.put("BASALT_CONFIG", "");
        assertEquals(3306, load().port());
    }

    @Test
    void everySettingHasAYamlKey() throws IOException {
        yaml("""
                bind: 0.0.0.0
                port: 3310
                data-dir: db
                storage: memory
                root-password: "p w"
                durability: relaxed
                max-allowed-packet: 1G
                auth-plugin: mysql_native_password
                max-connections: 10
                migrate: true
                """);
        assertEquals(new ServerSettings("0.0.0.0", 3310, dir.toAbsolutePath().resolve("db"), "memory", "p w",
                "relaxed", 1L << 30, "mysql_native_password", 10, true), load());
    }

    @Test
    void yamlValuesStayTextSoPasswordsAreNotReinterpreted() throws IOException {
        yaml("root-password: 0123\n");
        assertEquals("0123", load().rootPassword(), "not read as the octal number 83");
        yaml("root-password: no\n");
        assertEquals("no", load().rootPassword(), "not read as the boolean false");
        yaml("root-password:\n");
        assertEquals("", load().rootPassword());
    }

    @Test
    void anEmptyConfigFileSetsNothing() throws IOException {
        yaml("# nothing yet\n");
        assertEquals(ServerSettings.defaults().withDataDir(dir.toAbsolutePath().resolve("data")), load());
    }

    @Test
    void explicitConfigFileAndBasaltConfig() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf")).resolve("server.yaml");
        Files.writeString(conf, "port: 4000\ndata-dir: store\n");
        ServerSettings s = load("conf/server.yaml");
        assertEquals(4000, s.port());
        assertEquals(dir.toAbsolutePath().resolve("conf/store"), s.dataDir(), "relative to the config file's directory");

        env.put("BASALT_CONFIG", conf.toString());
        assertEquals(4000, load().port());
    }

    @Test
    void explicitConfigFileTakesPrecedenceOverImplicitOne() throws IOException {
        yaml("port: 1111\n");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "port: 2222\n");
        assertEquals(2222, load(other.toString()).port());
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        SettingsException e = failure("nope.yaml");
        assertTrue(e.getMessage().contains("nope.yaml") && e.getMessage().contains("--config"), e.getMessage());

        env.put("BASALT_CONFIG", "/no/such/basalt.yaml");
        e = failure(null);
        assertTrue(e.getMessage().contains("/no/such/basalt.yaml") && e.getMessage().contains("BASALT_CONFIG"), e.getMessage());
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        yaml("port: 3306\nmax_connections: 10\n");
        SettingsException e = failure(null);
        assertTrue(e.getMessage().contains("unknown setting 'max_connections'"), e.getMessage());
        assertTrue(e.getMessage().contains("max-connections"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void passthroughSectionsInTheFileFlagsOverride() throws IOException {
        yaml("storage: mysql\nmysql:\n  host: db.internal\n  port: 3307\n  user: reader\n  password: \"s3cret\"\n"
                + "  database: crm\nremote-cache:\n  size: 256M\n  ttl: 30\n");
        flags.put(Setting.MYSQL_PORT, "3308");
        ServerSettings s = load();
        assertEquals("mysql", s.storage());
        assertEquals(new MysqlTarget("db.internal", 3308, "reader", "s3cret", "crm", 5), s.mysql());
        assertEquals(new RemoteCacheSettings(256L << 20, 30), s.remoteCache());
        assertFalse(s.toString().contains("s3cret"), "settings never print the password: " + s);
    }

    @Test
    void binlogInvalidationFromTheFile() throws IOException {
        yaml("storage: mysql\nmysql:\n  host: db.internal\nremote-cache:\n  size: 64M\n  invalidation: binlog\n"
                + "  binlog-user: repl\n  binlog-password: \"r3pl\"\n  binlog-server-id: 4242\n");
        ServerSettings s = load();
        assertEquals(new RemoteCacheSettings.BinlogInvalidation("repl", "r3pl", 4242), s.remoteCache().binlog());
        assertFalse(s.toString().contains("r3pl"), "settings never print the password: " + s);
    }

    @Test
    void binlogInvalidationDefaultsAndErrors() throws IOException {
        flags.put(Setting.REMOTE_CACHE_SIZE, "1M");
        assertEquals(null, load().remoteCache().binlog()); // ttl, the default
        flags.put(Setting.REMOTE_CACHE_INVALIDATION, "binlog");
        assertEquals(new RemoteCacheSettings.BinlogInvalidation("", "", 0), load().remoteCache().binlog());
        flags.put(Setting.REMOTE_CACHE_INVALIDATION, "triggers");
        assertTrue(failure(null).getMessage().contains("remote-cache-invalidation"));
        flags.put(Setting.REMOTE_CACHE_INVALIDATION, "binlog");
        flags.put(Setting.REMOTE_CACHE_SIZE, "0");
        assertTrue(failure(null).getMessage().contains("needs a result cache"));
    }

    @Test
    void passthroughNeedsAHost() throws IOException {
        flags.put(Setting.STORAGE, "mysql");
        assertTrue(failure(null).getMessage().contains("--mysql-host"));
    }

    @Test
    void malformedFilesAreErrors() throws IOException {
        yaml("- port\n- 3306\n");
        assertTrue(failure(null).getMessage().contains("must be a map"));
        yaml("port:\n  value: 3306\n");
        assertTrue(failure(null).getMessage().contains("'port' must be a single value"));
        yaml("port: [3306\n");
        assertTrue(failure(null).getMessage().contains("not valid YAML"));
        yaml("port: 1\nport: 2\n");
        assertTrue(failure(null).getMessage().contains("not valid YAML"), "duplicate keys are refused");
    }

    @Test
    void invalidValuesNameTheirSource() throws IOException {
        env.put("BASALT_PORT", "abc");
        SettingsException e = failure(null);
        assertTrue(e.getMessage().contains("'abc'") && e.getMessage().contains("BASALT_PORT"), e.getMessage());
        env.clear();

        flags.put(Setting.PORT, "70000");
        assertTrue(failure(null).getMessage().contains("--port"));
        flags.clear();

        yaml("storage: rocksdb\n");
        e = failure(null);
        assertTrue(e.getMessage().contains("'storage' in ") && e.getMessage().contains("lmdb, memory"), e.getMessage());

        yaml("max-allowed-packet: 2G\n");
        assertTrue(failure(null).getMessage().contains("1K to 1G"));
        yaml("max-allowed-packet: lots\n");
        assertTrue(failure(null).getMessage().contains("not a size"));
        yaml("durability: sometimes\n");
        assertTrue(failure(null).getMessage().contains("full, relaxed"));
        yaml("auth-plugin: sha256_password\n");
        assertTrue(failure(null).getMessage().contains("caching_sha2_password"));
        yaml("max-connections: 0\n");
        assertTrue(failure(null).getMessage().contains("max-connections"));
        yaml("migrate: maybe\n");
        assertTrue(failure(null).getMessage().contains("true or false"));
        yaml("bind: ''\n");
        assertTrue(failure(null).getMessage().contains("a value is required"));
    }

    @Test
    void relativeDataDirFromFlagOrEnvironmentIsTakenFromTheWorkingDirectory() {
        flags.put(Setting.DATA_DIR, "./x/../mydata");
        assertEquals(dir.toAbsolutePath().resolve("mydata"), load().dataDir());
        flags.put(Setting.DATA_DIR, "/var/lib/basalt");
        assertEquals(Path.of("/var/lib/basalt"), load().dataDir());
    }

    @Test
    void migrateSwitchFromTheCommandLine() {
        flags.put(Setting.MIGRATE, "true");
        assertTrue(load().migrate());
    }

    @Test
    void remoteDatabasesFromTheFileWithPasswordFromTheEnvironment() throws IOException {
        env.put("SHOP_PW", "from-env");
        yaml("""
                port: 3310
                remote-databases:
                  - {name: reports, host: h1, database: sales, user: r, password: pw, read-only: true}
                  - {name: shop, host: h2, port: 3307, user: app, password-env: SHOP_PW, pool-size: 3}
                """);
        ServerSettings s = load();
        assertEquals(3310, s.port());
        assertEquals(List.of(new RemoteDatabaseEntry("reports", "h1", 3306, "sales", "r", "pw", true, 10, 3),
                new RemoteDatabaseEntry("shop", "h2", 3307, "", "app", "from-env", false, 3, 3)), s.remoteDatabases());
        assertFalse(s.toString().contains("from-env"), s.toString());
    }

    @Test
    void remoteDatabasesErrorsNameTheEntry() throws IOException {
        yaml("remote-databases:\n  - {name: shop, host: h, user: u, password-env: UNSET_PW}\n");
        assertTrue(failure(null).getMessage().contains("entry 'shop': password-env names the environment variable 'UNSET_PW'"));
    }

    @Test
    void noRemoteDatabasesByDefault() {
        assertEquals(List.of(), load().remoteDatabases());
    }

    @Test
    void resourceLimitsFromFlagsYamlAndDefaults() throws IOException {
        ResourceSettings none = new SettingsLoader(env, dir).loadResources(flags, null);
        assertEquals(new ResourceSettings(null, 0, 0, -1, -1, ThreadHandling.ONE_THREAD_PER_CONNECTION), none, "unset: the -D properties or the heap-derived defaults");
        yaml("query-memory-limit: 64M\nglobal-memory-limit: 1G\nwal-size: 8M\n");
        flags.put(Setting.DISK_RESERVE, "0");
        ResourceSettings r = new SettingsLoader(env, dir).loadResources(flags, null);
        assertEquals(new ResourceSettings(null, 64L << 20, 1L << 30, 8L << 20, 0, ThreadHandling.ONE_THREAD_PER_CONNECTION), r);
        flags.put(Setting.WAL_SIZE, "100K");
        SettingsException small = assertThrows(SettingsException.class, () -> new SettingsLoader(env, dir).loadResources(flags, null));
        assertTrue(small.getMessage().contains("wal-size") && small.getMessage().contains("at least 1M"), small.getMessage());
        flags.put(Setting.WAL_SIZE, "lots");
        assertThrows(SettingsException.class, () -> new SettingsLoader(env, dir).loadResources(flags, null));
    }

    @Test
    void threadCacheSizeFromYamlFlagAndDefault() throws IOException {
        assertEquals(9, new SettingsLoader(env, dir).loadResources(flags, null).threadCacheSize(), "MySQL 8's default");
        yaml("thread-cache-size: 32\n");
        assertEquals(32, new SettingsLoader(env, dir).loadResources(flags, null).threadCacheSize());
        flags.put(Setting.THREAD_CACHE_SIZE, "0");
        assertEquals(0, new SettingsLoader(env, dir).loadResources(flags, null).threadCacheSize(), "the flag wins");
        flags.put(Setting.THREAD_CACHE_SIZE, "16385");
        SettingsException big = assertThrows(SettingsException.class, () -> new SettingsLoader(env, dir).loadResources(flags, null));
        assertTrue(big.getMessage().contains("thread-cache-size") && big.getMessage().contains("0 to 16384"), big.getMessage());
    }

    @Test
    void threadHandlingFromFlagsAndYaml() throws IOException {
        yaml("thread-handling: pool-of-threads\n");
        assertEquals(ThreadHandling.POOL_OF_THREADS, new SettingsLoader(env, dir).loadResources(flags, null).threadHandling());
        flags.put(Setting.THREAD_HANDLING, "One_Thread_Per_Connection");
        assertEquals(ThreadHandling.ONE_THREAD_PER_CONNECTION, new SettingsLoader(env, dir).loadResources(flags, null).threadHandling());
        flags.put(Setting.THREAD_HANDLING, "no-threads");
        SettingsException bad = assertThrows(SettingsException.class, () -> new SettingsLoader(env, dir).loadResources(flags, null));
        assertTrue(bad.getMessage().contains("thread-handling") && bad.getMessage().contains("pool-of-threads"), bad.getMessage());
    }
}
