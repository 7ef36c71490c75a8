package dev.basalt.engine.storage.codec;

import java.nio.charset.StandardCharsets;

/** Builders for the fixed parts of keys; the layout is documented in package-info. */
public final class Keyspace {
    private Keyspace() {}

    public static final byte META = 0x00;
    public static final byte ROWS = 0x01;
    public static final byte INDEXES = 0x02;

    public static final byte META_DATABASE = 'D';
    public static final byte META_NAME = 'N';
    public static final byte META_TABLE = 'T';
    public static final byte META_VIEW = 'V';
    public static final byte META_COUNTER = 'C';
    public static final byte META_AUTO_INCREMENT = 'A';
    public static final byte META_ROW_ID = 'R';

    /** {@code 0x01 | tableId}: every row key of the table starts with it. */
    public static byte[] tablePrefix(int tableId) { return idPrefix(ROWS, tableId); }

    /** {@code 0x02 | indexId}: every entry of the secondary index starts with it. */
    public static byte[] indexPrefix(int indexId) { return idPrefix(INDEXES, indexId); }

    public static byte[] idPrefix(byte namespace, int id) {
        return new byte[] {namespace, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** {@code 0x00 | kind}: the start of one meta family. */
    public static byte[] metaPrefix(byte kind) { return new byte[] {META, kind}; }

    /** {@code 0x00 | kind | id}. */
    public static byte[] metaKey(byte kind, int id) {
        return new byte[] {META, kind, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** {@code 0x00 | kind | utf8(name)}. */
    public static byte[] metaKey(byte kind, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[2 + n.length];
        k[0] = META;
        k[1] = kind;
        System.arraycopy(n, 0, k, 2, n.length);
        return k;
    }

    /** {@code 0x00 | kind | utf8(db) | 0x00 | utf8(name)}: names of objects inside a database. */
    public static byte[] metaKey(byte kind, String database, String name) {
        byte[] d = database.getBytes(StandardCharsets.UTF_8);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[3 + d.length + n.length];
        k[0] = META;
        k[1] = kind;
        System.arraycopy(d, 0, k, 2, d.length);
        k[2 + d.length] = 0;
        System.arraycopy(n, 0, k, 3 + d.length, n.length);
        return k;
    }

    /** Prefix of all {@link #metaKey(byte, String, String)} keys of one database. */
    public static byte[] metaDatabasePrefix(byte kind, String database) {
        byte[] d = database.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[3 + d.length];
        k[0] = META;
        k[1] = kind;
        System.arraycopy(d, 0, k, 2, d.length);
        k[2 + d.length] = 0;
        return k;
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or null when there
     * is none (prefix all 0xFF): use as the exclusive end of a prefix scan (null = open end).
     */
    public static byte[] prefixSuccessor(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) i--;
        if (i < 0) return null;
        byte[] s = java.util.Arrays.copyOf(prefix, i + 1);
        s[i]++;
        return s;
    }

    public static byte[] longBytes(long v) {
        return new byte[] {(byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40), (byte) (v >>> 32),
                (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    public static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
