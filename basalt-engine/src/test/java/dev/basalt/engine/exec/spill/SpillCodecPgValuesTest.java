package dev.basalt.engine.exec.spill;

import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.ArrayText;
import dev.basalt.engine.types.IntervalText;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rows with PostgreSQL arrays and intervals can spill to disk and come back (issue 10). */
class SpillCodecPgValuesTest {

    @Test
    void arraysAndIntervalsRoundTrip() throws Exception {
        Object[] row = {1L, ArrayText.parse("{a,\"b c\",NULL}", ArrayElement.TEXT), ArrayText.parse("{1.50}", ArrayElement.NUMERIC),
                IntervalText.parse("1 year 2 days 03:00:00.5")};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            SpillCodec.write(out, row);
        }
        Object[] back = SpillCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(Arrays.asList(row), Arrays.asList(back));
        assertEquals("{1.50}", back[2].toString());
        assertEquals("1 year 2 days 03:00:00.5", back[3].toString());
    }
}
