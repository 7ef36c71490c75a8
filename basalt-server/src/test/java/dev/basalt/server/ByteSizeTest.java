package dev.basalt.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {

    @Test
    void parsesPlainNumbersAndBinarySuffixes() {
        assertEquals(65536, ByteSize.parse("65536"));
        assertEquals(512 * 1024, ByteSize.parse("512K"));
        assertEquals(512 * 1024, ByteSize.parse("512k"));
        assertEquals(64L << 20, ByteSize.parse("64M"));
        assertEquals(64L << 20, ByteSize.parse(" 64 M "));
        assertEquals(1L << 30, ByteSize.parse("1G"));
        assertEquals(0, ByteSize.parse("0"));
    }

    @Test
    void rejectsWhatIsNotASize() {
        for (String bad : new String[] {"", "M", "64X", "-1", "1.5G", "sixty", "64MB"}) {
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> ByteSize.parse(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
        assertThrows(NumberFormatException.class, () -> ByteSize.parse("99999999999999999999"));
        assertThrows(NumberFormatException.class, () -> ByteSize.parse("9999999999999G"));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("64M", ByteSize.format(64L << 20));
        assertEquals("1G", ByteSize.format(1L << 30));
        assertEquals("3K", ByteSize.format(3072));
        assertEquals("1000", ByteSize.format(1000));
        assertEquals("0", ByteSize.format(0));
    }
}
