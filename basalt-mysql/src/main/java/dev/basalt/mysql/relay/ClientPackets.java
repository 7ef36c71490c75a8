package dev.basalt.mysql.relay;

import dev.basalt.mysql.protocol.Payload;

import java.io.IOException;

/**
 * More packets from the client within one command, for the exchanges where the client speaks
 * again before the response ends (LOAD DATA LOCAL INFILE sends the file's contents).
 */
public interface ClientPackets {

    /** The sequence id the next packet from the client carries. */
    int nextSequence();

    /** The next packet, valid until the following read; null when the client closed the connection. */
    Payload read() throws IOException;
}
