package dev.basalt.remote.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;

/**
 * A rows event (write, update, delete, any version) read only as far as its table id: invalidation
 * needs which table changed, never the rows. Skipping the row images keeps the stream cheap and
 * immune to column types the decoder would not know.
 */
record RowsTableId(long tableId) implements EventData {

    /** Reads the 6-byte table id every rows event starts with (the library skips the rest of the event). */
    static final EventDataDeserializer<RowsTableId> DESERIALIZER = in -> new RowsTableId(in.readLong(6));
}
