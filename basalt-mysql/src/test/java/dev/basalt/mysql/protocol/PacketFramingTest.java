package dev.basalt.mysql.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PacketFramingTest {
    static final int MAX = 0xFFFFFF;

    /** Splits a framed byte stream into (length, sequence id) headers, checking the bytes add up. */
    static List<int[]> headers(byte[] stream) {
        List<int[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < stream.length) {
            int len = (stream[pos] & 0xFF) | (stream[pos + 1] & 0xFF) << 8 | (stream[pos + 2] & 0xFF) << 16;
            out.add(new int[] {len, stream[pos + 3] & 0xFF});
            pos += 4 + len;
        }
        assertEquals(stream.length, pos, "headers must account for every byte");
        return out;
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + (i >>> 8));
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 250, MAX - 1, MAX, MAX + 1, 2 * MAX, 2 * MAX + 7})
    void splitsAndJoinsAtTheSixteenMegabyteBoundary(int size) throws IOException {
        byte[] payload = pattern(size);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Sequence seq = new Sequence();
        PacketWriter w = new PacketWriter(wire, seq);
        w.begin().bytes(payload).send();
        w.begin().int1(0x42).send(); // a second packet continues the sequence
        w.flush();

        List<int[]> hs = headers(wire.toByteArray());
        int pieces = size / MAX + 1; // a payload that is an exact multiple of MAX ends with an empty piece
        assertEquals(pieces + 1, hs.size());
        for (int i = 0; i < pieces; i++) {
            assertEquals(i, hs.get(i)[1], "sequence id of piece " + i);
            assertEquals(i < pieces - 1 ? MAX : size % MAX, hs.get(i)[0]);
        }
        assertEquals(pieces, hs.get(pieces)[1]);

        Sequence readSeq = new Sequence();
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire.toByteArray()), readSeq, 1L << 30);
        Payload p = r.read();
        assertEquals(size, p.remaining());
        assertArrayEquals(payload, p.readRestBytes());
        Payload second = r.read();
        assertEquals(0x42, second.readInt1());
        assertEquals((pieces + 1) & 0xFF, readSeq.peek());
        assertNull(r.read(), "clean end of stream");
    }

    @Test
    void packetsAreBufferedUntilFlushAndKeepTheirOrderAroundHugeOnes() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        PacketWriter w = new PacketWriter(wire, new Sequence());
        w.begin().int1(1).send();
        assertEquals(0, wire.size(), "small packets wait for flush");
        w.begin().int1(2).send();
        byte[] huge = pattern(MAX + 5);
        w.begin().bytes(huge).send();
        w.begin().int1(3); // begun, then abandoned...
        w.begin().int1(4).send(); // ...and replaced
        w.flush();
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire.toByteArray()), new Sequence(), 1L << 30);
        assertEquals(1, r.read().readInt1());
        assertEquals(2, r.read().readInt1());
        assertArrayEquals(huge, r.read().readRestBytes());
        assertEquals(4, r.read().readInt1());
        assertNull(r.read());
    }

    @Test
    void outputGoesOutInLargeWritesOnceTheBufferFills() throws IOException {
        List<Integer> writes = new ArrayList<>();
        java.io.OutputStream counting = new java.io.OutputStream() {
            public void write(int b) { writes.add(1); }
            public void write(byte[] b, int off, int len) { writes.add(len); }
        };
        PacketWriter w = new PacketWriter(counting, new Sequence());
        for (int i = 0; i < 10_000; i++) w.begin().lenencString("row number " + i).send();
        w.flush();
        assertTrue(writes.size() < 10, "10,000 small packets in " + writes.size() + " writes");
        assertTrue(writes.stream().mapToInt(Integer::intValue).sum() > 10_000 * 15);
    }

    @Test
    void sequenceIdsWrapAt256() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Sequence seq = new Sequence();
        PacketWriter w = new PacketWriter(wire, seq);
        for (int i = 0; i < 300; i++) w.begin().int1(i & 0xFF).send();
        w.flush();
        List<int[]> hs = headers(wire.toByteArray());
        for (int i = 0; i < 300; i++) assertEquals(i & 0xFF, hs.get(i)[1]);
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire.toByteArray()), new Sequence(), 1024);
        for (int i = 0; i < 300; i++) assertEquals(i & 0xFF, r.read().readInt1());
    }

    @Test
    void outOfOrderSequenceIsMalformed() {
        byte[] wire = {1, 0, 0, 5, 0x0e};
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire), new Sequence(), 1024);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, r::read);
        assertTrue(e.getMessage().contains("out of order"));
    }

    @Test
    void truncatedPacketIsEof() {
        byte[] wire = {10, 0, 0, 0, 1, 2, 3};
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire), new Sequence(), 1024);
        assertThrows(EOFException.class, r::read);
        PacketReader headerOnly = new PacketReader(new ByteArrayInputStream(new byte[] {1, 0}), new Sequence(), 1024);
        assertThrows(EOFException.class, headerOnly::read);
    }

    @Test
    void oversizedPacketIsDrainedThenReported() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Sequence seq = new Sequence();
        PacketWriter w = new PacketWriter(wire, seq);
        w.begin().bytes(pattern(MAX + 100)).send(); // two pieces, ids 0 and 1
        w.begin().int1(7).send();                    // id 2
        w.flush();
        Sequence readSeq = new Sequence();
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire.toByteArray()), readSeq, 4096);
        assertThrows(PacketTooLargeException.class, r::read);
        assertEquals(2, readSeq.peek(), "the reply to the oversized packet takes the next id");
        assertEquals(7, r.read().readInt1(), "the stream stays in step after draining");
    }

    @Test
    void joinedSizeCountsAgainstTheLimit() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        PacketWriter w = new PacketWriter(wire, new Sequence());
        assertDoesNotThrow(() -> {
            w.begin().bytes(pattern(MAX + 10)).send();
            w.flush();
        });
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire.toByteArray()), new Sequence(), MAX + 9);
        assertThrows(PacketTooLargeException.class, r::read);
        PacketReader ok = new PacketReader(new ByteArrayInputStream(wire.toByteArray()), new Sequence(), MAX + 10);
        assertDoesNotThrow(ok::read);
    }
}
