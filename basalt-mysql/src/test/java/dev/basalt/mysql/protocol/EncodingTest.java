package dev.basalt.mysql.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** Length-encoded integers and strings, fixed-width integers, and bounds checks on reading. */
class EncodingTest {

    static byte[] payload(java.util.function.Consumer<PacketWriter> build) {
        PacketWriter w = new PacketWriter(new ByteArrayOutputStream(), new Sequence());
        w.begin();
        build.accept(w);
        return w.payloadCopy();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 250, 251, 252, 0xFFFF, 0x10000, 0xFFFFFF, 0x1000000, Long.MAX_VALUE, -1})
    void lenencIntegersRoundTripWithTheRightWidth(long v) {
        byte[] bytes = payload(w -> w.lenenc(v));
        int expectedWidth = (v >= 0 && v < 251) ? 1 : (v >= 0 && v <= 0xFFFF) ? 3 : (v >= 0 && v <= 0xFFFFFF) ? 4 : 9;
        assertEquals(expectedWidth, bytes.length);
        assertEquals(v, new Payload(bytes).readLenenc());
    }

    @Test
    void lenencPrefixesAreMySqls() {
        assertArrayEquals(new byte[] {(byte) 0xFA}, payload(w -> w.lenenc(250)));
        assertArrayEquals(new byte[] {(byte) 0xFC, (byte) 0xFB, 0}, payload(w -> w.lenenc(251)));
        assertArrayEquals(new byte[] {(byte) 0xFD, 0, 0, 1}, payload(w -> w.lenenc(0x10000)));
        assertEquals((byte) 0xFE, payload(w -> w.lenenc(0x1000000))[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "héllo wörld", "日本語", "emoji 🔑 and 𝄞", "\u0000nul",
            // 32 chars and more take the bulk path
            "83868641912-28773972837-60736120486-75162659906-27563526494-20381887404-41576422241",
            "héllo wörld, héllo wörld, héllo wörld", "日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語",
            "emoji 🔑 and 𝄞 emoji 🔑 and 𝄞 emoji 🔑 and 𝄞"})
    void lenencStringsAreUtf8(String s) {
        byte[] bytes = payload(w -> w.lenencString(s));
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        Payload p = new Payload(bytes);
        assertEquals(utf8.length, p.readLenenc());
        assertEquals(s, new String(p.readRestBytes(), StandardCharsets.UTF_8));
        assertEquals(s, new Payload(bytes).readLenencString());
    }

    @Test
    void longLenencStringsWithLoneSurrogatesEncodeLikeTheJdk() {
        String s = "a\uD800b\uDC00c".repeat(10);
        Payload p = new Payload(payload(w -> w.lenencString(s)));
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(utf8.length, p.readLenenc());
        assertArrayEquals(utf8, p.readRestBytes());
    }

    @Test
    void loneSurrogatesEncodeLikeTheJdk() {
        String s = "a\uD800b\uDC00c";
        byte[] bytes = payload(w -> w.restString(s));
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void longStringsGetWiderPrefixes() {
        String s = "x".repeat(70_000);
        byte[] bytes = payload(w -> w.lenencString(s));
        assertEquals((byte) 0xFD, bytes[0]);
        assertEquals(s, new Payload(bytes).readLenencString());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, -7, 10, 99, 100, -100, 123456789, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1})
    void decimalLongsMatchLongToString(long v) {
        assertEquals(Long.toString(v), new Payload(payload(w -> w.lenencDecimal(v))).readLenencString());
    }

    @Test
    void fixedWidthIntegersAreLittleEndian() {
        byte[] bytes = payload(w -> w.int2(0x1234).int3(0x56789A).int4(0xDEADBEEFL).int8(0x0102030405060708L));
        assertArrayEquals(new byte[] {0x34, 0x12, (byte) 0x9A, 0x78, 0x56, (byte) 0xEF, (byte) 0xBE, (byte) 0xAD, (byte) 0xDE,
                8, 7, 6, 5, 4, 3, 2, 1}, bytes);
        Payload p = new Payload(bytes);
        assertEquals(0x1234, p.readInt2());
        assertEquals(0x56789A, p.readInt3());
        assertEquals(0xDEADBEEFL, p.readInt4());
        assertEquals(0x0102030405060708L, p.readInt8());
        assertFalse(p.hasRemaining());
    }

    @Test
    void readsPastTheEndAreMalformedNotGarbage() {
        assertThrows(MalformedPacketException.class, () -> new Payload(new byte[] {1}).readInt2());
        assertThrows(MalformedPacketException.class, () -> new Payload(new byte[] {5, 'a', 'b'}).readLenencString());
        assertThrows(MalformedPacketException.class, () -> new Payload(new byte[] {'a', 'b'}).readNulString());
        assertThrows(MalformedPacketException.class, () -> new Payload(new byte[] {(byte) 0xFF}).readLenenc());
        assertThrows(MalformedPacketException.class, () -> new Payload(new byte[] {(byte) 0xFE, 1, 2}).readLenenc());
        Payload p = new Payload(new byte[] {'h', 'i', 0, 'x'});
        assertEquals("hi", p.readNulString());
        assertEquals("x", p.readRestString());
    }
}
