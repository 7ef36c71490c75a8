package dev.basalt.engine.exec.spill;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Writes an operator's rows to a spill file and reads them back as equal values of the same Java
 * types. The storage {@code RowCodec} needs the column types up front; operators only see
 * {@code Object[]} rows whose runtime types can differ per row (an expression's Integer or Long),
 * so each value carries a one-byte tag here. A value of a type not listed cannot spill: the
 * operator then fails with the budget's error as before, rather than decoding something different.
 */
final class SpillCodec {
    private static final int NULL = 0, LONG = 1, INT = 2, STRING = 3, BYTES = 4, DECIMAL = 5, DOUBLE = 6,
            FLOAT = 7, BIGINT = 8, DATE = 9, DATETIME = 10, TIME = 11, BOOL = 12, SHORT = 13, BYTE = 14,
            ROW = 15, LOCALTIME = 16, ARRAY = 17, INTERVAL = 18;

    private SpillCodec() {}

    static void write(DataOutputStream out, Object[] row) throws IOException {
        out.writeInt(row.length);
        for (Object v : row) writeValue(out, v);
    }

    static Object[] read(DataInputStream in) throws IOException {
        int n = in.readInt();
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) row[i] = readValue(in);
        return row;
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(NULL);
            case Long l -> { out.writeByte(LONG); out.writeLong(l); }
            case Integer i -> { out.writeByte(INT); out.writeInt(i); }
            case String s -> { out.writeByte(STRING); writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
            case byte[] b -> { out.writeByte(BYTES); writeBytes(out, b); }
            case BigDecimal d -> { out.writeByte(DECIMAL); out.writeInt(d.scale()); writeBytes(out, d.unscaledValue().toByteArray()); }
            case Double d -> { out.writeByte(DOUBLE); out.writeDouble(d); }
            case Float f -> { out.writeByte(FLOAT); out.writeFloat(f); }
            case BigInteger b -> { out.writeByte(BIGINT); writeBytes(out, b.toByteArray()); }
            case LocalDate d -> { out.writeByte(DATE); out.writeLong(d.toEpochDay()); }
            case LocalDateTime t -> {
                out.writeByte(DATETIME);
                out.writeLong(t.toLocalDate().toEpochDay());
                out.writeLong(t.toLocalTime().toNanoOfDay());
            }
            case Duration d -> { out.writeByte(TIME); out.writeLong(d.getSeconds()); out.writeInt(d.getNano()); }
            case LocalTime t -> { out.writeByte(LOCALTIME); out.writeLong(t.toNanoOfDay()); }
            case Boolean b -> { out.writeByte(BOOL); out.writeBoolean(b); }
            case Short s -> { out.writeByte(SHORT); out.writeShort(s); }
            case Byte b -> { out.writeByte(BYTE); out.writeByte(b); }
            case Object[] a -> { out.writeByte(ROW); write(out, a); }
            // PostgreSQL's arrays (element type, then the text form) and intervals (three parts)
            case dev.basalt.engine.types.ArrayValue a -> {
                out.writeByte(ARRAY);
                out.writeUTF(a.element().name());
                writeBytes(out, a.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            case dev.basalt.engine.types.IntervalValue i -> {
                out.writeByte(INTERVAL);
                out.writeInt(i.months());
                out.writeInt(i.days());
                out.writeLong(i.micros());
            }
            default -> throw new SpillFile.Unspillable(v.getClass());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case INT -> in.readInt();
            case STRING -> new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
            case BYTES -> readBytes(in);
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case BIGINT -> new BigInteger(readBytes(in));
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case DATETIME -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
            case TIME -> Duration.ofSeconds(in.readLong(), in.readInt());
            case LOCALTIME -> LocalTime.ofNanoOfDay(in.readLong());
            case BOOL -> in.readBoolean();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case ROW -> read(in);
            case ARRAY -> {
                dev.basalt.engine.types.ArrayElement e = dev.basalt.engine.types.ArrayElement.valueOf(in.readUTF());
                yield dev.basalt.engine.types.ArrayText.parse(new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8), e);
            }
            case INTERVAL -> new dev.basalt.engine.types.IntervalValue(in.readInt(), in.readInt(), in.readLong());
            default -> throw new IOException("corrupt spill file: tag " + tag);
        };
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
