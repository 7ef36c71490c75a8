package dev.basalt.server;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteDatabasesConfigTest {

    private static final Map<String, String> ENV = Map.of("SHOP_PW", "s3cret");

    /** Parses YAML text the way basalt.yaml is read (scalars stay text). */
    private static List<RemoteDatabaseEntry> parse(String yaml) {
        Map<?, ?> doc = ConfigFile.newYaml().load(yaml);
        return RemoteDatabasesConfig.parse(doc.get("remote-databases"), ENV);
    }

    private static String error(String yaml) {
        return assertThrows(SettingsException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void twoEntriesWithDefaultsAndPasswordFromEnvironment() {
        List<RemoteDatabaseEntry> dbs = parse("""
                remote-databases:
                  - name: reports
                    host: 10.0.0.5
                    database: sales
                    user: reader
                    password: 0123
                    read-only: true
                  - name: shop
                    host: db.example
                    port: 3307
                    database: shop
                    user: app
                    password-env: SHOP_PW
                    pool-size: 4
                    connect-timeout: 7
                """);
        assertEquals(2, dbs.size());
        RemoteDatabaseEntry r = dbs.get(0);
        assertEquals(new RemoteDatabaseEntry("reports", "10.0.0.5", 3306, "sales", "reader", "0123", true, 10, 3), r);
        assertEquals(new RemoteDatabaseEntry("shop", "db.example", 3307, "shop", "app", "s3cret", false, 4, 7), dbs.get(1));
        assertFalse(dbs.get(1).toString().contains("s3cret"), "toString never shows the password");
    }

    @Test
    void readTimeoutDefaultsTo300Seconds() {
        List<RemoteDatabaseEntry> dbs = parse("""
                remote-databases:
                  - {name: slow, host: h, user: u, read-timeout: 30}
                  - {name: plain, host: h, user: u}
                """);
        assertEquals(30, dbs.get(0).readTimeoutSeconds());
        assertEquals(300, dbs.get(1).readTimeoutSeconds());
    }

    @Test
    void cacheIsAnOptInFlag() {
        List<RemoteDatabaseEntry> dbs = parse("""
                remote-databases:
                  - name: hot
                    host: h
                    user: u
                    cache: true
                  - name: cold
                    host: h
                    user: u
                """);
        assertTrue(dbs.get(0).cache());
        assertFalse(dbs.get(1).cache());
        assertTrue(dbs.get(0).toString().contains("(cached)"));
        assertTrue(error("remote-databases:\n  - name: x\n    host: h\n    user: u\n    cache: maybe\n")
                .contains("cache 'maybe' is not true or false"));
    }

    @Test
    void binlogInvalidationPerEntry() {
        List<RemoteDatabaseEntry> dbs = parse("""
                remote-databases:
                  - name: hot
                    host: h
                    user: u
                    cache: true
                    cache-invalidation: binlog
                    binlog-user: repl
                    binlog-password-env: SHOP_PW
                    binlog-server-id: 77
                  - name: warm
                    host: h
                    user: u
                    cache: true
                    cache-invalidation: binlog
                  - name: cold
                    host: h
                    user: u
                    cache: true
                """);
        assertEquals(new RemoteCacheSettings.BinlogInvalidation("repl", "s3cret", 77), dbs.get(0).binlog());
        assertEquals(new RemoteCacheSettings.BinlogInvalidation("", "", 0), dbs.get(1).binlog());
        assertEquals(null, dbs.get(2).binlog());
        assertFalse(dbs.get(0).toString().contains("s3cret"));
        String entry = "remote-databases:\n  - name: x\n    host: h\n    user: u\n";
        assertTrue(error(entry + "    cache-invalidation: binlog\n").contains("needs cache: true"));
        assertTrue(error(entry + "    cache: true\n    cache-invalidation: often\n").contains("is not ttl or binlog"));
        assertTrue(error(entry + "    cache: true\n    binlog-user: r\n").contains("binlog-user needs cache-invalidation: binlog"));
        assertTrue(error(entry + "    cache: true\n    cache-invalidation: binlog\n    binlog-server-id: -1\n")
                .contains("binlog-server-id '-1'"));
    }

    @Test
    void absentOrEmptyMeansNone() {
        assertTrue(RemoteDatabasesConfig.parse(null, ENV).isEmpty());
        assertTrue(parse("remote-databases:\n").isEmpty());
    }

    @Test
    void notAList() {
        assertTrue(error("remote-databases: shop\n").contains("must be a list"));
    }

    @Test
    void unknownKeyInAnEntry() {
        String m = error("remote-databases:\n  - {name: a, host: h, user: u, pasword: x}\n");
        assertTrue(m.contains("entry 1: unknown key 'pasword'"), m);
    }

    @Test
    void missingNameHostOrUser() {
        assertTrue(error("remote-databases:\n  - {host: h, user: u}\n").contains("entry 1: 'name' is required"));
        assertTrue(error("remote-databases:\n  - {name: a, user: u}\n").contains("entry 'a': 'host' is required"));
        assertTrue(error("remote-databases:\n  - {name: a, host: h}\n").contains("entry 'a': 'user' is required"));
    }

    @Test
    void badPortPoolSizeTimeoutOrFlag() {
        assertTrue(error("remote-databases:\n  - {name: a, host: h, user: u, port: 70000}\n")
                .contains("port '70000' is not a whole number between 1 and 65535"));
        assertTrue(error("remote-databases:\n  - {name: a, host: h, user: u, port: x}\n").contains("port 'x'"));
        assertTrue(error("remote-databases:\n  - {name: a, host: h, user: u, pool-size: 0}\n").contains("pool-size '0'"));
        assertTrue(error("remote-databases:\n  - {name: a, host: h, user: u, connect-timeout: -1}\n")
                .contains("connect-timeout '-1'"));
        assertTrue(error("remote-databases:\n  - {name: a, host: h, user: u, read-timeout: 0}\n")
                .contains("read-timeout '0' is not a whole number between 1 and 86400"));
        assertTrue(error("remote-databases:\n  - {name: a, host: h, user: u, read-only: maybe}\n")
                .contains("read-only 'maybe' is not true or false"));
    }

    @Test
    void passwordAndPasswordEnvTogether() {
        String m = error("remote-databases:\n  - {name: a, host: h, user: u, password: p, password-env: SHOP_PW}\n");
        assertTrue(m.contains("either password or password-env, not both"), m);
    }

    @Test
    void passwordEnvNamingAnUnsetVariable() {
        String m = error("remote-databases:\n  - {name: a, host: h, user: u, password-env: NOPE}\n");
        assertTrue(m.contains("'NOPE', which is not set"), m);
    }

    @Test
    void duplicateNamesIgnoringCase() {
        String m = error("remote-databases:\n  - {name: Shop, host: h, user: u}\n  - {name: shop, host: h2, user: u}\n");
        assertTrue(m.contains("the name 'shop' is used by more than one entry"), m);
    }

    @Test
    void entryNotAMap() {
        assertTrue(error("remote-databases:\n  - shop\n").contains("entry 1 must be a map"));
    }

    @Test
    void sslModeAndCa() throws Exception {
        java.nio.file.Path ca = java.nio.file.Files.createTempFile("ca", ".pem");
        try {
            java.nio.file.Files.writeString(ca, "not a certificate");
            String bad = error("""
                    remote-databases:
                      - {name: a, host: h, user: u, ssl-mode: verify-ca, ssl-ca: %s}
                    """.formatted(ca));
            assertTrue(bad.contains("entry 'a'") && bad.contains("ssl-ca"), bad);
            assertTrue(error("""
                    remote-databases:
                      - {name: a, host: h, user: u, ssl-mode: sometimes}
                    """).contains("verify-identity"));
            RemoteDatabaseEntry e = parse("""
                    remote-databases:
                      - {name: a, host: h, user: u, ssl-mode: REQUIRED}
                    """).get(0);
            assertEquals(dev.basalt.remote.tls.RemoteTls.Mode.REQUIRED, e.tls().mode());
            assertEquals(dev.basalt.remote.tls.RemoteTls.DISABLED,
                    parse("remote-databases:\n  - {name: a, host: h, user: u}\n").get(0).tls());
        } finally {
            java.nio.file.Files.delete(ca);
        }
    }
}
