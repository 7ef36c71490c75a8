package dev.basalt.mysql.relay;

/**
 * Opens a relay per client connection (passthrough mode). Also says how the listener should
 * present itself: a client sees the relayed server's version and capabilities, so it formats
 * its requests for the server that will answer them.
 */
public interface RelayFactory {

    /**
     * Opens the relay for a client that just logged in. Throws
     * {@link dev.basalt.engine.api.SqlException} (e.g. 1429 when the other server is unreachable),
     * which the client receives instead of the login OK.
     */
    CommandRelay open(RelayClient client);

    /** The version string for the greeting. */
    String serverVersion();

    /** The capability flags the other server supports; the listener offers only what both support. */
    int capabilities();

    /** MariaDB's extended capabilities (bits 32-63) to offer; 0 for none. */
    default int mariadbCapabilities() { return 0; }
}
