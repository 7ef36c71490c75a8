package dev.basalt.mysql;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

/**
 * Bounds on what a logged-in client can make a connection hold between packets: long data for
 * prepared statement parameters (COM_STMT_SEND_LONG_DATA) is capped per parameter at
 * max_allowed_packet, as MySQL does, and in total per connection.
 */
final class PacketLimits {
    /** Parameters of all statements of one connection may hold this many max_allowed_packets. */
    static final int LONG_DATA_PACKETS_PER_CONNECTION = 4;

    private PacketLimits() {}

    static long longDataPerConnection(long maxAllowedPacket) {
        return Math.min(1L << 30, maxAllowedPacket * LONG_DATA_PACKETS_PER_CONNECTION);
    }

    /**
     * MySQL's words for this case; MySQL sends them as 1105, we send the packet-size error
     * number (1153) the message is about, with a state that does not mark the connection broken.
     */
    static SqlException longDataTooLong() {
        return new SqlException(ErrorCode.ER_NET_PACKET_TOO_LARGE.code(), "HY000",
                "Parameter of prepared statement which is set through mysql_send_long_data() is longer than "
                        + "'max_allowed_packet' bytes");
    }
}
