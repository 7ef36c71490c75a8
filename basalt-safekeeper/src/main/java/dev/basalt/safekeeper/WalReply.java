package dev.basalt.safekeeper;

import dev.basalt.disagg.WalEntry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a safekeeper answers to a {@link WalCommand}, as bytes: {@code u8 kind} then the fields below in
 * order (entries as {@code i32 count, count x (i64 lsn, i32 length, bytes)}).
 */
sealed interface WalReply {

    byte TAKEN_OVER = 1, APPENDED = 2, FENCED = 3, ENTRIES = 4, STATUS = 5, REFUSED = 6, RELEASED = 7;

    /** The writer now holds {@code epoch}; the timeline ends at {@code lastLsn}. */
    record TakenOver(long epoch, long lastLsn) implements WalReply {}

    /** The batch got LSNs {@code firstLsn, firstLsn + 1, ...}. */
    record Appended(long firstLsn) implements WalReply {}

    /** The append's epoch is not the timeline's: {@code writerId} took it over with {@code epoch}. */
    record Fenced(long epoch, String writerId) implements WalReply {}

    /** Records read, consecutive from the first one's LSN; {@code lastLsn} is the timeline's end. */
    record Entries(long lastLsn, List<WalEntry> entries) implements WalReply {}

    record Status(long lastLsn, long epoch, String writerId) implements WalReply {}

    /** After a release: the oldest LSN the nodes still hold. */
    record Released(long firstLsn) implements WalReply {}

    /** A malformed request (a client bug, never user data): the reason. */
    record Refused(String reason) implements WalReply {}

    default byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            switch (this) {
                case TakenOver t -> {
                    out.writeByte(TAKEN_OVER);
                    out.writeLong(t.epoch());
                    out.writeLong(t.lastLsn());
                }
                case Appended a -> {
                    out.writeByte(APPENDED);
                    out.writeLong(a.firstLsn());
                }
                case Fenced f -> {
                    out.writeByte(FENCED);
                    out.writeLong(f.epoch());
                    out.writeUTF(f.writerId());
                }
                case Entries e -> {
                    out.writeByte(ENTRIES);
                    out.writeLong(e.lastLsn());
                    out.writeInt(e.entries().size());
                    for (WalEntry entry : e.entries()) {
                        out.writeLong(entry.lsn());
                        out.writeInt(entry.payload().length);
                        out.write(entry.payload());
                    }
                }
                case Status s -> {
                    out.writeByte(STATUS);
                    out.writeLong(s.lastLsn());
                    out.writeLong(s.epoch());
                    out.writeUTF(s.writerId());
                }
                case Refused r -> {
                    out.writeByte(REFUSED);
                    out.writeUTF(r.reason());
                }
                case Released r -> {
                    out.writeByte(RELEASED);
                    out.writeLong(r.firstLsn());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WalReply decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte kind = in.readByte();
            return switch (kind) {
                case TAKEN_OVER -> new TakenOver(in.readLong(), in.readLong());
                case APPENDED -> new Appended(in.readLong());
                case FENCED -> new Fenced(in.readLong(), in.readUTF());
                case ENTRIES -> {
                    long last = in.readLong();
                    int count = in.readInt();
                    List<WalEntry> entries = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        long lsn = in.readLong();
                        entries.add(new WalEntry(lsn, in.readNBytes(in.readInt())));
                    }
                    yield new Entries(last, entries);
                }
                case STATUS -> new Status(in.readLong(), in.readLong(), in.readUTF());
                case REFUSED -> new Refused(in.readUTF());
                case RELEASED -> new Released(in.readLong());
                default -> throw new IllegalArgumentException("unknown safekeeper reply " + kind);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt safekeeper reply", e);
        }
    }
}
