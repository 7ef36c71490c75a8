package dev.basalt.server;

import java.nio.file.Path;

/** TEMP stub (basalt-it branch): replaced by the real class when the server lands on main. */
public record ServerSettings(String bind, int port, Path dataDir, String storage, String rootPassword,
                             String durability, long maxAllowedPacket, String authPlugin, int maxConnections,
                             boolean migrate) {
    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 3306, Path.of("data"), "lmdb", "", "full",
                64L * 1024 * 1024, "caching_sha2_password", 151, false);
    }
    public ServerSettings withPort(int p) { return new ServerSettings(bind, p, dataDir, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate); }
    public ServerSettings withStorage(String s) { return new ServerSettings(bind, port, dataDir, s, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate); }
    public ServerSettings withDataDir(Path d) { return new ServerSettings(bind, port, d, storage, rootPassword, durability, maxAllowedPacket, authPlugin, maxConnections, migrate); }
    public ServerSettings withRootPassword(String p) { return new ServerSettings(bind, port, dataDir, storage, p, durability, maxAllowedPacket, authPlugin, maxConnections, migrate); }
    public ServerSettings withAuthPlugin(String a) { return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, maxAllowedPacket, a, maxConnections, migrate); }
    public ServerSettings withDurability(String d) { return new ServerSettings(bind, port, dataDir, storage, rootPassword, d, maxAllowedPacket, authPlugin, maxConnections, migrate); }
    public ServerSettings withMaxAllowedPacket(long m) { return new ServerSettings(bind, port, dataDir, storage, rootPassword, durability, m, authPlugin, maxConnections, migrate); }
}
