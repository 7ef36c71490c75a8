package dev.basalt.safekeeper;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a client sends to the safekeepers, as bytes. Five are replicated log entries (take over,
 * append, release, drop, refence) and go through Raft; two are read-only queries answered by a node's state machine.
 *
 * <p>Format: {@code u8 op, utf timeline}, then per op: take over {@code utf writerId}; append
 * {@code i64 epoch, i32 count, count x (i32 length, bytes)}; append at (op 7) {@code i64 epoch,
 * i64 expectedFirstLsn}, then as append; read {@code i64 fromLsn, i32 max,
 * i32 maxBytes, i64 waitMillis}; status nothing; release {@code i64 uploadedLsn}; drop nothing; refence
 * (op 8) {@code utf writerId, i64 epoch}. An append carries a batch so that several
 * concurrent commits can share one Raft entry; they get consecutive LSNs in batch order.
 */
sealed interface WalCommand {

    byte TAKE_OVER = 1, APPEND = 2, READ = 3, STATUS = 4, RELEASE = 5, DROP = 6, APPEND_AT = 7, REFENCE = 8;

    String timeline();

    /** A writer claims the timeline: the epoch goes up by one and older writers are fenced. */
    record TakeOver(String timeline, String writerId) implements WalCommand {}

    /**
     * The writer that holds the timeline takes it over again (the epoch goes up by one), so none of its
     * own appends sent under an older epoch can land any more: how a writer settles appends whose
     * outcome it does not know. Refused as fenced when another writer holds the timeline.
     */
    record Refence(String timeline, String writerId, long epoch) implements WalCommand {}

    /**
     * Records from the writer holding {@code epoch}; refused when a newer writer took over. With
     * {@code expectedFirstLsn} > 0 the first record must get that LSN: a request Ratis delivers twice (a
     * client's retry after a leader change, before the new leader's retry cache knows the first) or one
     * sent after an earlier record of the same writer failed would otherwise land at a later LSN than its
     * writer built it for.
     */
    record Append(String timeline, long epoch, long expectedFirstLsn, List<byte[]> payloads) implements WalCommand {
        Append(String timeline, long epoch, List<byte[]> payloads) { this(timeline, epoch, 0, payloads); }
    }

    /** Up to {@code max} records (and about {@code maxBytes}) from {@code fromLsn}, waiting up to {@code waitMillis} for the first. */
    record Read(String timeline, long fromLsn, int max, int maxBytes, long waitMillis) implements WalCommand {}

    /** The timeline's last LSN and current epoch. */
    record Status(String timeline) implements WalCommand {}

    /**
     * The page server has durably uploaded the timeline up to {@code uploadedLsn}: nodes may drop records
     * up to it less their safety margin. A log entry, so every node drops the same records at the same point.
     */
    record Release(String timeline, long uploadedLsn) implements WalCommand {}

    /**
     * The timeline's branch was deleted: nodes drop all its records (LSNs start again at 1) and fence its
     * writers. A log entry, like release.
     */
    record Drop(String timeline) implements WalCommand {}

    default byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            switch (this) {
                case TakeOver t -> {
                    out.writeByte(TAKE_OVER);
                    out.writeUTF(t.timeline());
                    out.writeUTF(t.writerId());
                }
                case Append a -> {
                    out.writeByte(a.expectedFirstLsn() > 0 ? APPEND_AT : APPEND);
                    out.writeUTF(a.timeline());
                    out.writeLong(a.epoch());
                    if (a.expectedFirstLsn() > 0) out.writeLong(a.expectedFirstLsn());
                    out.writeInt(a.payloads().size());
                    for (byte[] p : a.payloads()) {
                        out.writeInt(p.length);
                        out.write(p);
                    }
                }
                case Read r -> {
                    out.writeByte(READ);
                    out.writeUTF(r.timeline());
                    out.writeLong(r.fromLsn());
                    out.writeInt(r.max());
                    out.writeInt(r.maxBytes());
                    out.writeLong(r.waitMillis());
                }
                case Status s -> {
                    out.writeByte(STATUS);
                    out.writeUTF(s.timeline());
                }
                case Release r -> {
                    out.writeByte(RELEASE);
                    out.writeUTF(r.timeline());
                    out.writeLong(r.uploadedLsn());
                }
                case Drop d -> {
                    out.writeByte(DROP);
                    out.writeUTF(d.timeline());
                }
                case Refence r -> {
                    out.writeByte(REFENCE);
                    out.writeUTF(r.timeline());
                    out.writeUTF(r.writerId());
                    out.writeLong(r.epoch());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException on bytes that are no command (a node never applies garbage) */
    static WalCommand decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
            byte op = in.readByte();
            String timeline = in.readUTF();
            return switch (op) {
                case TAKE_OVER -> new TakeOver(timeline, in.readUTF());
                case APPEND, APPEND_AT -> {
                    long epoch = in.readLong();
                    long expected = op == APPEND_AT ? in.readLong() : 0;
                    int count = in.readInt();
                    if (count < 0 || count > bytes.length) throw new IllegalArgumentException("corrupt append: count " + count);
                    List<byte[]> payloads = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        int length = in.readInt();
                        if (length < 0 || length > bytes.length) throw new IllegalArgumentException("corrupt append: length " + length);
                        payloads.add(in.readNBytes(length));
                    }
                    yield new Append(timeline, epoch, expected, payloads);
                }
                case READ -> new Read(timeline, in.readLong(), in.readInt(), in.readInt(), in.readLong());
                case STATUS -> new Status(timeline);
                case RELEASE -> new Release(timeline, in.readLong());
                case DROP -> new Drop(timeline);
                case REFENCE -> new Refence(timeline, in.readUTF(), in.readLong());
                default -> throw new IllegalArgumentException("unknown safekeeper command " + op);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt safekeeper command", e);
        }
    }
}
