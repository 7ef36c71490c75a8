package dev.basalt.storage.lmdb;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.lmdbjava.Txn;

/**
 * The second tier of the space reserve: pages inside {@code data.mdb}, held as a few zero-filled
 * values under {@code space_reserve/NN} keys of the meta database.
 *
 * <p>Why: the reserve file ({@link DiskReserve}) is spent by the first full-disk episode, and the
 * file system rarely has room to make it again (the pages a DELETE frees stay inside data.mdb,
 * where the next inserts take them). So right after a freeing write, while those pages are free,
 * this reserve takes its size of them back; the next full-disk episode deletes it again, and a
 * freeing write then finds that many recyclable pages without the file having to grow.
 *
 * <p>It is written and given back in pieces, one LMDB transaction each: LMDB is copy-on-write,
 * so even a delete needs a few fresh pages, and the pages a transaction frees are reusable two
 * transactions later. Deleting a small piece needs only a few pages (recycled from the last
 * commits before the disk filled), and from the third piece on each deletion reuses what the one
 * two before it freed. Two small commits at the end make the last pieces' pages reusable too.
 *
 * <p>Writer thread only. Only the meta database is touched, never the commit sequence, so it
 * is safe in every durability mode and invisible to checkpoints and recovery.
 */
final class MapReserve {

    private static final System.Logger LOG = System.getLogger(MapReserve.class.getName());
    static final int PIECE = 256 << 10;
    private static final String PREFIX = "space_reserve/";
    private static final byte[] TICK = (PREFIX + "tick").getBytes(StandardCharsets.US_ASCII);

    private final Supplier<LmdbEnvironment> environment;
    private final Runnable onFatal;
    private final int pieces;
    /** Pieces present, as of the last transaction that committed; -1 until read from the file. */
    private int held = -1;

    MapReserve(Supplier<LmdbEnvironment> environment, Runnable onFatal, long size) {
        this.environment = environment;
        this.onFatal = onFatal;
        this.pieces = (int) Math.max(1, Math.min(256, (size + PIECE - 1) / PIECE));
    }

    /** Bytes held inside data.mdb now. */
    long heldBytes() {
        return (long) present() * PIECE;
    }

    boolean complete() {
        return present() >= pieces;
    }

    private int present() {
        if (held < 0) {
            LmdbEnvironment lenv = environment.get();
            int n = 0;
            try (Txn<ByteBuffer> txn = lenv.env.txnRead()) {
                while (n < pieces && lenv.meta.get(txn, key(n)) != null) n++;
            }
            held = n;
        }
        return held;
    }

    /**
     * Writes the missing pieces, each in its own transaction, until all are there or one does not
     * fit (the disk is full: tried again later). Returns whether it is complete. Never throws.
     */
    boolean arm() {
        try {
            LmdbEnvironment lenv = environment.get();
            int before = present();
            while (held < pieces) {
                try (Txn<ByteBuffer> txn = lenv.env.txnWrite()) {
                    ByteBuffer value = lenv.meta.reserve(txn, key(held), PIECE);
                    for (int i = 0; i < PIECE; i += 8) value.putLong(i, 0L); // real zeros, not stale memory
                    txn.commit();
                }
                held++;
            }
            if (before < pieces) LOG.log(Level.INFO, "space reserve of {0} bytes kept inside data.mdb of {1}", heldBytes(), lenv.dir);
            return true;
        } catch (RuntimeException e) {
            fatalCheck(e);
            return false;
        }
    }

    /**
     * Deletes every piece, then commits twice more so that the pages of the last ones are
     * reusable by the next transaction. Returns whether any room was given back. Never throws.
     */
    boolean release() {
        int released = 0;
        try {
            LmdbEnvironment lenv = environment.get();
            while (present() > 0) {
                try (Txn<ByteBuffer> txn = lenv.env.txnWrite()) {
                    lenv.meta.delete(txn, key(held - 1));
                    txn.commit();
                }
                held--;
                released++;
            }
            for (int i = 0; i < 2; i++) tick(lenv, i);
        } catch (RuntimeException e) {
            fatalCheck(e);
        }
        if (released > 0) {
            LOG.log(Level.WARNING, "disk full: released {0} bytes of the space reserve inside data.mdb for a write that frees space",
                    (long) released * PIECE);
        }
        return released > 0;
    }

    private static void tick(LmdbEnvironment lenv, int n) {
        try (Txn<ByteBuffer> txn = lenv.env.txnWrite()) {
            ByteBuffer v = lenv.meta.reserve(txn, LmdbEnvironment.direct(TICK), 1);
            v.put(0, (byte) n);
            txn.commit();
        }
    }

    private void fatalCheck(RuntimeException e) {
        held = -1; // read again from the file: it is the truth after a failure
        if (LmdbErrors.isFatal(e)) onFatal.run();
    }

    private static ByteBuffer key(int n) {
        return LmdbEnvironment.direct(String.format("%s%02x", PREFIX, n).getBytes(StandardCharsets.US_ASCII));
    }
}
