package dev.basalt.mysql.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads MySQL packets: a 3-byte little-endian length and a 1-byte sequence id, then the payload.
 * A payload of exactly 0xFFFFFF bytes continues in the next packet; the pieces are joined into
 * one logical packet. The buffer is reused between packets.
 */
public final class PacketReader {
    public static final int MAX_PIECE = 0xFFFFFF;
    private static final int INITIAL = 16 * 1024;
    private static final int SHRINK_ABOVE = 1024 * 1024;
    /** How much of an oversized packet we swallow so the client can read our ERR; beyond, we just hang up. */
    private static final long DRAIN_LIMIT = 1L << 30;

    private final InputStream in;
    private final Sequence sequence;
    private final byte[] header = new byte[4];
    private final Payload payload = new Payload();
    private byte[] buf = new byte[INITIAL];
    private long maxPacket;
    private int lastLength;
    private boolean drainOversized = true;
    /** Bytes of whole packets read (headers included): the slow log's Bytes_received. */
    private long bytesRead;

    public PacketReader(InputStream in, Sequence sequence, long maxPacket) {
        this.in = in;
        this.sequence = sequence;
        this.maxPacket = maxPacket;
    }

    public void setMaxPacket(long maxPacket) { this.maxPacket = maxPacket; }

    /**
     * Before login an oversized packet is not drained (a stranger could make us read a gigabyte):
     * the reader reports it at once and the connection hangs up.
     */
    public void setDrainOversized(boolean drain) { this.drainOversized = drain; }

    /** Bytes of the packets read so far, headers included (MySQL's Bytes_received counts them too). */
    public long bytesRead() { return bytesRead; }

    /**
     * Reads one logical packet. The returned payload is valid until the next call.
     *
     * @return the payload, or null when the peer closed the stream cleanly before a new packet
     * @throws PacketTooLargeException when the joined payload exceeds max_allowed_packet (drained)
     * @throws EOFException when the stream ends inside a packet
     */
    public Payload read() throws IOException {
        // Keep a grown buffer while large packets keep coming; give it back once they stop.
        if (buf.length > SHRINK_ABOVE && lastLength < SHRINK_ABOVE / 4) buf = new byte[INITIAL];
        long total = 0;
        boolean first = true;
        while (true) {
            if (!readHeader(first)) return null;
            first = false;
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            int id = header[3] & 0xFF;
            if (id != sequence.peek()) {
                throw new MalformedPacketException("packets out of order: got sequence " + id + ", expected " + sequence.peek());
            }
            sequence.sync(id);
            if (total + length > maxPacket) {
                if (!drainOversized) throw new PacketTooLargeException(total + length, maxPacket);
                drainOversized(length, total);
            }
            readGrowing((int) total, length);
            total += length;
            bytesRead += 4 + length;
            if (length < MAX_PIECE) break;
        }
        lastLength = (int) total;
        payload.reset(buf, 0, (int) total);
        return payload;
    }

    /** Skips the rest of a packet that is too large, then reports it. */
    private void drainOversized(int pieceLength, long alreadyRead) throws IOException {
        long total = alreadyRead;
        int length = pieceLength;
        byte[] scratch = new byte[8192];
        while (true) {
            skipFully(length, scratch);
            total += length;
            if (length < MAX_PIECE || total > DRAIN_LIMIT) break;
            readHeader(false);
            length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            sequence.sync(header[3] & 0xFF);
        }
        throw new PacketTooLargeException(total, maxPacket);
    }

    private boolean readHeader(boolean eofAllowed) throws IOException {
        int n = 0;
        while (n < 4) {
            int r = in.read(header, n, 4 - n);
            if (r < 0) {
                if (n == 0 && eofAllowed) return false;
                throw new EOFException("connection closed inside a packet header");
            }
            n += r;
        }
        return true;
    }

    /**
     * Reads a piece into the buffer, growing it only as bytes actually arrive: a declared length
     * alone never makes us allocate (a client announcing 16 MB and sending nothing costs nothing).
     */
    private void readGrowing(int offset, int length) throws IOException {
        int end = offset + length;
        int pos = offset;
        while (pos < end) {
            int chunkEnd = (int) Math.min(end, Math.max((long) buf.length, pos + (long) INITIAL));
            ensureCapacity(chunkEnd);
            readFully(buf, pos, chunkEnd - pos);
            pos = chunkEnd;
        }
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int r = in.read(into, offset + n, length - n);
            if (r < 0) throw new EOFException("connection closed inside a packet");
            n += r;
        }
    }

    private void skipFully(int length, byte[] scratch) throws IOException {
        int left = length;
        while (left > 0) {
            int r = in.read(scratch, 0, Math.min(left, scratch.length));
            if (r < 0) throw new EOFException("connection closed inside a packet");
            left -= r;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= buf.length) return;
        int size = Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 16, (long) buf.length * 2));
        buf = java.util.Arrays.copyOf(buf, size);
    }
}
