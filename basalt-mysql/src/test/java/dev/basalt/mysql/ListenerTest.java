package dev.basalt.mysql;

import dev.basalt.mysql.fake.FakeEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class ListenerTest {

    @Test
    void defaultsAreMySqls() {
        MySqlServerConfig d = MySqlServerConfig.defaults();
        assertEquals(3306, d.port());
        assertEquals("*", d.bindAddress());
        assertEquals("caching_sha2_password", d.defaultAuthPlugin());
        assertEquals(64L * 1024 * 1024, d.maxAllowedPacket());
        assertThrows(IllegalArgumentException.class,
                () -> new MySqlServerConfig("*", 0, 1 << 20, "sha256_password", 10));
    }

    @Test
    void wildcardListenerServesIpv4AndIpv6WithMySqlHostNames() throws Exception {
        MySqlServer server = new MySqlServer(new FakeEngine(), new MySqlServerConfig("*", 0, 1 << 20, "mysql_native_password", 10));
        server.start();
        try {
            assertEquals("root@127.0.0.1", user("jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root"));
            boolean ipv6 ;
            try (Socket probe = new Socket(InetAddress.getByName("::1"), server.port())) {
                ipv6 = probe.isConnected();
            } catch (java.io.IOException e) {
                ipv6 = false;
            }
            Assumptions.assumeTrue(ipv6, "no IPv6 loopback here");
            assertEquals("root@::1", user("jdbc:mariadb://[::1]:" + server.port() + "/?user=root"));
        } finally {
            server.shutdown(Duration.ofSeconds(1));
        }
    }

    private static String user(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            ResultSet rs = c.createStatement().executeQuery("SELECT USER()");
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
