package dev.basalt.pgwire;

import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.ArrayValue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL array types (issue 10): the OIDs of arrays of Basalt's element types ({@code _int4}
 * 1007...), their element OIDs, and the binary array format both ways:
 * {@code int4 ndim | int4 hasNulls | int4 elementOid | (int4 size, int4 lowerBound) per dimension |
 * (int4 length or -1, bytes) per element}. The text format is {@link ArrayValue#toString()}.
 */
final class PgArrayTypes {
    private PgArrayTypes() {}

    static final int UUID_OID = 2950;

    /** One row per element type: element, element OID, array OID, PostgreSQL names, element typlen. */
    record Entry(ArrayElement element, int elementOid, int arrayOid, String elementName, String arrayName, int elementLength,
                 String formatted) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry(ArrayElement.BOOL, PgTypes.BOOL, 1000, "bool", "_bool", 1, "boolean[]"),
            new Entry(ArrayElement.INT2, PgTypes.INT2, 1005, "int2", "_int2", 2, "smallint[]"),
            new Entry(ArrayElement.INT4, PgTypes.INT4, 1007, "int4", "_int4", 4, "integer[]"),
            new Entry(ArrayElement.TEXT, PgTypes.TEXT, 1009, "text", "_text", -1, "text[]"),
            new Entry(ArrayElement.VARCHAR, PgTypes.VARCHAR, 1015, "varchar", "_varchar", -1, "character varying[]"),
            new Entry(ArrayElement.INT8, PgTypes.INT8, 1016, "int8", "_int8", 8, "bigint[]"),
            new Entry(ArrayElement.FLOAT4, PgTypes.FLOAT4, 1021, "float4", "_float4", 4, "real[]"),
            new Entry(ArrayElement.FLOAT8, PgTypes.FLOAT8, 1022, "float8", "_float8", 8, "double precision[]"),
            new Entry(ArrayElement.TIMESTAMP, PgTypes.TIMESTAMP, 1115, "timestamp", "_timestamp", 8, "timestamp without time zone[]"),
            new Entry(ArrayElement.DATE, PgTypes.DATE, 1182, "date", "_date", 4, "date[]"),
            new Entry(ArrayElement.NUMERIC, PgTypes.NUMERIC, 1231, "numeric", "_numeric", -1, "numeric[]"),
            new Entry(ArrayElement.UUID, UUID_OID, 2951, "uuid", "_uuid", 16, "uuid[]"));

    static Entry of(ArrayElement e) {
        for (Entry x : ENTRIES) if (x.element == e) return x;
        throw new IllegalArgumentException(e.name());
    }

    /** The entry of an array OID (also timestamptz[] 1185, which Basalt reads as timestamp[]), or null. */
    static Entry ofArrayOid(int oid) {
        if (oid == 1185) return of(ArrayElement.TIMESTAMP);
        for (Entry x : ENTRIES) if (x.arrayOid == oid) return x;
        return null;
    }

    static boolean isArray(int oid) { return ofArrayOid(oid) != null; }

    /** The binary format of an array value. */
    static byte[] binary(ArrayValue a) {
        Entry e = of(a.element());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean nulls = a.items().contains(null);
        int[] dims = a.dims(), lower = a.lower();
        writeInt(out, dims.length);
        writeInt(out, nulls ? 1 : 0);
        writeInt(out, e.elementOid);
        for (int d = 0; d < dims.length; d++) {
            writeInt(out, dims[d]);
            writeInt(out, lower[d]);
        }
        for (Object v : a.items()) {
            if (v == null) {
                writeInt(out, -1);
                continue;
            }
            byte[] b = e.elementOid == UUID_OID ? uuid((String) v)
                    : PgTypes.binary(v, a.element().elementType(), e.elementOid);
            writeInt(out, b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** A binary array parameter as its text form, which the engine's array functions read. */
    static String fromBinary(byte[] raw) throws MalformedMessageException {
        try {
            ByteBuffer b = ByteBuffer.wrap(raw);
            int ndim = b.getInt();
            b.getInt(); // has-nulls flag: the lengths say it too
            int elementOid = b.getInt();
            // PostgreSQL's limit (MAXDIM); more cannot be a real array
            if (ndim < 0 || ndim > 6) throw new MalformedMessageException("invalid binary array value");
            int[] dims = new int[ndim], lower = new int[ndim];
            long total = ndim == 0 ? 0 : 1;
            for (int d = 0; d < ndim; d++) {
                dims[d] = b.getInt();
                lower[d] = b.getInt();
                if (dims[d] < 0 || (long) lower[d] + dims[d] - 1 > Integer.MAX_VALUE) {
                    throw new MalformedMessageException("invalid binary array value");
                }
                total *= dims[d];
            }
            // each element takes at least its 4-byte length: a size the message cannot hold is a lie
            if (total > b.remaining() / 4) throw new MalformedMessageException("invalid binary array value");
            int size = (int) total;
            Entry e = null;
            for (Entry x : ENTRIES) if (x.elementOid == elementOid) e = x;
            if (e == null) throw new PgException("0A000", "arrays of type " + elementOid + " are not supported");
            List<Object> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int len = b.getInt();
                if (len < 0) {
                    items.add(null);
                    continue;
                }
                if (len > b.remaining()) throw new MalformedMessageException("invalid binary array value");
                byte[] item = new byte[len];
                b.get(item);
                items.add(e.elementOid == UUID_OID ? uuid(item) : PgTypes.parameter(item, e.elementOid, true));
            }
            return (size == 0 ? new ArrayValue(e.element, List.of()) : new ArrayValue(e.element, items, dims, lower)).toString();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException x) {
            throw new MalformedMessageException("invalid binary array value");
        }
    }

    private static byte[] uuid(String s) {
        UUID u = UUID.fromString(s);
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static String uuid(byte[] b) {
        ByteBuffer x = ByteBuffer.wrap(b);
        return new UUID(x.getLong(), x.getLong()).toString();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
