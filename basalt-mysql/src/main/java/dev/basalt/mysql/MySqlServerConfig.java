package dev.basalt.mysql;

/**
 * Settings of the MySQL protocol listener.
 *
 * @param bindAddress       address to listen on, e.g. "127.0.0.1"; "*" (MySQL's default) or "" for all
 *                          interfaces, IPv4 and IPv6
 * @param port              TCP port; 0 picks a free one (see {@link MySqlServer#port()})
 * @param maxAllowedPacket  largest command packet accepted, in bytes (MySQL's max_allowed_packet)
 * @param defaultAuthPlugin "caching_sha2_password" (MySQL 8's default) or "mysql_native_password"
 * @param maxConnections    connections beyond this get ERR 1040 "Too many connections"
 */
public record MySqlServerConfig(String bindAddress, int port, long maxAllowedPacket, String defaultAuthPlugin,
                                int maxConnections) {

    public MySqlServerConfig {
        if (!defaultAuthPlugin.equals("caching_sha2_password") && !defaultAuthPlugin.equals("mysql_native_password")) {
            throw new IllegalArgumentException("unsupported auth plugin: " + defaultAuthPlugin);
        }
        if (maxAllowedPacket < 1024 || maxAllowedPacket > 1L << 30) {
            throw new IllegalArgumentException("max_allowed_packet must be between 1024 and 1073741824: " + maxAllowedPacket);
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port: " + port);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
    }

    /** MySQL 8's defaults: port 3306 on all interfaces, 64 MB packets, caching_sha2_password, 151 connections. */
    public static MySqlServerConfig defaults() {
        return new MySqlServerConfig("*", 3306, 64L * 1024 * 1024, "caching_sha2_password", 151);
    }

    public MySqlServerConfig withPort(int newPort) {
        return new MySqlServerConfig(bindAddress, newPort, maxAllowedPacket, defaultAuthPlugin, maxConnections);
    }
}
