/**
 * The MySQL client/server protocol, server side.
 *
 * <p>Reading order: {@link dev.basalt.mysql.MySqlServer} accepts on one platform thread and runs
 * each {@code Connection} on its own virtual thread: handshake and authentication
 * ({@code auth.Handshake}, {@code auth.Authenticator}), then one command at a time, each response
 * written completely and flushed once. {@code protocol.PacketReader}/{@code PacketWriter} own the
 * framing (3-byte length, sequence id, 16 MB pieces); {@code ResultWriter} and
 * {@code ColumnDefinitions} write text result sets; {@code Responses} writes OK, EOF and ERR.
 * The module sees the engine only through {@code dev.basalt.engine.api} and {@code .types}.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>caching_sha2_password: accounts store SHA256(password), which is all the fast path needs,
 *       so every account counts as "cached" and a login never needs RSA when the password is
 *       right; a wrong scramble gets 1045 at once. Full authentication (RSA key exchange) runs
 *       when the server is built with MySQL's empty-cache behaviour (tests). During full
 *       authentication a cleartext password is accepted only over TLS or from a loopback peer
 *       (MySQL accepts it over TLS or its local socket; libmariadb sends it that way to 127.0.0.1), and RSA
 *       blocks may be OAEP (MySQL clients) or PKCS#1 v1.5 (libmariadb built with GnuTLS).</li>
 *   <li>TLS when the server hands the listener a context ({@link dev.basalt.mysql.MySqlServer#enableTls}):
 *       CLIENT_SSL is advertised and an SSLRequest upgrades the socket (tls.TlsUpgrade). No
 *       session-state tracking, no compression,
 *       no prepared statements (COM_STMT_* answer 1047; CLOSE and SEND_LONG_DATA, which have
 *       no reply, are ignored).</li>
 *   <li>The OK packet's info string is length-encoded, as mysqld writes it and clients read it
 *       (the protocol documentation says string&lt;EOF&gt;).</li>
 *   <li>Timeouts follow the session's variables: a watchdog thread closes connections idle past
 *       wait_timeout (interactive_timeout for interactive clients) and those whose client has
 *       stopped reading for net_write_timeout; the handshake must finish within 10 s.</li>
 *   <li>An oversized command packet is read to its end and discarded before ERR 1153 is sent, so
 *       the client (still writing) sees the error instead of a connection reset.</li>
 * </ul>
 */
package dev.basalt.mysql;
