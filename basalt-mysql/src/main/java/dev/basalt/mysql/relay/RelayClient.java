package dev.basalt.mysql.relay;

import java.util.Map;

/**
 * What a relay needs to know about the client it serves: identity, the capabilities and
 * character set it negotiated (the other server must answer in the same format), and the
 * database it asked for at login.
 *
 * @param connectionId Basalt's connection id (the one in the client's handshake)
 * @param database     the login database, or null
 * @param capabilities the capability flags in force on the client connection
 * @param charset      the collation id the client chose in its handshake response
 * @param attributes   the client's connection attributes
 * @param mariadbCapabilities MariaDB's extended capabilities in force (0 for MySQL clients)
 */
public record RelayClient(long connectionId, String user, String host, String database, int capabilities,
                          int charset, Map<String, String> attributes, int mariadbCapabilities) {
}
