package dev.basalt.mysql;

/** TEMP stub (wip-server); the real record comes from wip-proto. */
public record MySqlServerConfig(String bindAddress, int port, long maxAllowedPacket, String defaultAuthPlugin, int maxConnections) {
    public static MySqlServerConfig defaults() {
        return new MySqlServerConfig("127.0.0.1", 3306, 64L << 20, "caching_sha2_password", 151);
    }
}
