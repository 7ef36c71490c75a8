package dev.basalt.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.ArrayText;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Arrays with explicit bounds in PostgreSQL's binary array format: the lower bounds travel both ways. */
class PgArrayBinaryBoundsTest {

    @Test
    void lowerBoundsAreWrittenAndRead() throws Exception {
        byte[] raw = PgArrayTypes.binary(ArrayText.parse("[-1:0][2:4]={{1,2,3},{4,5,6}}", ArrayElement.INT4));
        ByteBuffer b = ByteBuffer.wrap(raw);
        assertEquals(2, b.getInt()); // dimensions
        b.getInt(); // has nulls
        b.getInt(); // element oid
        assertEquals(2, b.getInt());
        assertEquals(-1, b.getInt());
        assertEquals(3, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals("[-1:0][2:4]={{1,2,3},{4,5,6}}", PgArrayTypes.fromBinary(raw));
        assertEquals("{7,8}", PgArrayTypes.fromBinary(PgArrayTypes.binary(ArrayText.parse("{7,8}", ArrayElement.INT4))));
    }
}
