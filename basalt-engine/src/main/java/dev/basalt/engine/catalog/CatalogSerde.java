package dev.basalt.engine.catalog;

import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of catalog definitions as stored under the meta keys. Each value starts with a
 * format version byte so later versions can read old catalogs.
 */
final class CatalogSerde {
    private CatalogSerde() {}

    private static final int VERSION = 1;
    /** A SPATIAL index writes its part count as SPATIAL_PARTS - n (a FULLTEXT one as -1 - n). */
    private static final int SPATIAL_PARTS = -1_000_000;

    static byte[] database(DatabaseDef d) {
        return write(out -> {
            out.writeUTF(d.name());
            nullableUtf(out, d.charset());
            nullableUtf(out, d.collation());
            // appended later: catalogs written before external databases simply end here
            if (d.external() != null) longString(out, d.external());
        });
    }

    static DatabaseDef database(byte[] b) {
        return read(b, in -> {
            String name = in.readUTF(), charset = nullableUtf(in), collation = nullableUtf(in);
            String external = in.available() > 0 ? longString(in) : null;
            return new DatabaseDef(name, charset, collation, external);
        });
    }

    static byte[] view(ViewDef v) {
        return write(out -> {
            out.writeUTF(v.database());
            out.writeUTF(v.name());
            longString(out, v.selectSql());
            out.writeInt(v.columnNames().size());
            for (String c : v.columnNames()) out.writeUTF(c);
            out.writeUTF(v.checkOption());
            out.writeUTF(v.definer());
            out.writeBoolean(v.invokerSecurity());
        });
    }

    static ViewDef view(byte[] b) {
        return read(b, in -> {
            String db = in.readUTF(), name = in.readUTF(), sql = longString(in);
            int n = in.readInt();
            List<String> cols = new ArrayList<>(n);
            for (int i = 0; i < n; i++) cols.add(in.readUTF());
            String checkOption = in.available() > 0 ? in.readUTF() : "NONE"; // absent in views stored before
            String definer = in.available() > 0 ? in.readUTF() : null; // so are these two
            boolean invoker = in.available() > 0 && in.readBoolean();
            return new ViewDef(db, name, sql, cols, checkOption, definer, invoker);
        });
    }

    static byte[] table(TableDef t) {
        return write(out -> {
            out.writeInt(t.tableId());
            out.writeUTF(t.database());
            out.writeUTF(t.name());
            out.writeInt(t.columns().size());
            for (ColumnDef c : t.columns()) column(out, c);
            out.writeInt(t.indexes().size());
            for (IndexDef i : t.indexes()) {
                out.writeInt(i.indexId());
                out.writeUTF(i.name());
                out.writeBoolean(i.primary());
                out.writeBoolean(i.unique());
                // a FULLTEXT index writes its part count negated: catalogs written before keep their meaning
                // and a SPATIAL index below SPATIAL_PARTS
                out.writeInt(i.fulltext() ? -1 - i.parts().size() : i.spatial() ? SPATIAL_PARTS - i.parts().size() : i.parts().size());
                for (IndexPart p : i.parts()) {
                    out.writeInt(p.column());
                    out.writeInt(p.prefixLength());
                    out.writeBoolean(p.descending());
                }
            }
            TableOptions o = t.options();
            out.writeUTF(o.engine());
            out.writeUTF(o.charset());
            out.writeUTF(o.collation());
            longString(out, o.comment());
            out.writeLong(o.autoIncrementStart());
            // appended later: catalogs written before FOREIGN KEY / CHECK support simply end here
            boolean generated = t.columns().stream().anyMatch(ColumnDef::isGenerated);
            boolean partitioned = o.partitioning() != null;
            boolean stats = !o.stats().isDefault();
            if (!t.constraints().isEmpty() || generated || partitioned || stats) constraints(out, t.constraints());
            // appended after the constraints: generated columns as (position, expression, stored)
            if (generated || partitioned || stats) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnDef.Generated g = t.columns().get(i).generated();
                    if (g == null) continue;
                    out.writeInt(i);
                    longString(out, g.sql());
                    out.writeBoolean(g.stored());
                }
                out.writeInt(-1);
            }
            // appended after the generated columns: the PARTITION BY text
            if (partitioned || stats) longString(out, partitioned ? o.partitioning() : "");
            // appended after the PARTITION BY text ("" for none): STATS_PERSISTENT, STATS_AUTO_RECALC, STATS_SAMPLE_PAGES
            if (stats) {
                out.writeInt(o.stats().persistent());
                out.writeInt(o.stats().autoRecalc());
                out.writeInt(o.stats().samplePages());
            }
        });
    }

    static TableDef table(byte[] b) {
        return read(b, in -> {
            int id = in.readInt();
            String db = in.readUTF(), name = in.readUTF();
            int nc = in.readInt();
            List<ColumnDef> cols = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) cols.add(column(in));
            int ni = in.readInt();
            List<IndexDef> idx = new ArrayList<>(ni);
            for (int i = 0; i < ni; i++) {
                int iid = in.readInt();
                String iname = in.readUTF();
                boolean primary = in.readBoolean(), unique = in.readBoolean();
                int np = in.readInt();
                boolean spatial = np <= SPATIAL_PARTS;
                boolean fulltext = np < 0 && !spatial;
                if (spatial) np = SPATIAL_PARTS - np;
                if (fulltext) np = -1 - np;
                List<IndexPart> parts = new ArrayList<>(np);
                for (int j = 0; j < np; j++) parts.add(new IndexPart(in.readInt(), in.readInt(), in.readBoolean()));
                idx.add(new IndexDef(iid, iname, primary, unique, parts, fulltext, spatial));
            }
            TableOptions o = new TableOptions(in.readUTF(), in.readUTF(), in.readUTF(), longString(in), in.readLong());
            TableConstraints constraints = in.available() > 0 ? constraints(in) : TableConstraints.NONE;
            if (in.available() > 0) {
                for (int at; (at = in.readInt()) >= 0; ) {
                    cols.set(at, cols.get(at).withGenerated(new ColumnDef.Generated(longString(in), in.readBoolean())));
                }
            }
            if (in.available() > 0) {
                String partitioning = longString(in);
                if (!partitioning.isEmpty()) o = o.withPartitioning(partitioning);
            }
            if (in.available() > 0) o = o.withStats(new StatsOptions(in.readInt(), in.readInt(), in.readInt()));
            return new TableDef(id, db, name, cols, idx, o, constraints);
        });
    }

    private static void constraints(DataOutputStream out, TableConstraints c) throws IOException {
        out.writeInt(c.foreignKeys().size());
        for (ForeignKeyDef fk : c.foreignKeys()) {
            out.writeUTF(fk.name());
            names(out, fk.columns());
            out.writeUTF(fk.refDatabase());
            out.writeUTF(fk.refTable());
            names(out, fk.refColumns());
            out.writeUTF(fk.onDelete().name());
            out.writeUTF(fk.onUpdate().name());
        }
        out.writeInt(c.checks().size());
        for (CheckDef ck : c.checks()) {
            out.writeUTF(ck.name());
            longString(out, ck.sql());
            out.writeBoolean(ck.enforced());
        }
    }

    private static TableConstraints constraints(DataInputStream in) throws IOException {
        int nf = in.readInt();
        List<ForeignKeyDef> fks = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            String name = in.readUTF();
            List<String> cols = names(in);
            String refDb = in.readUTF(), refTable = in.readUTF();
            List<String> refCols = names(in);
            fks.add(new ForeignKeyDef(name, cols, refDb, refTable, refCols,
                    ForeignKeyDef.Action.valueOf(in.readUTF()), ForeignKeyDef.Action.valueOf(in.readUTF())));
        }
        int nc = in.readInt();
        List<CheckDef> checks = new ArrayList<>(nc);
        for (int i = 0; i < nc; i++) checks.add(new CheckDef(in.readUTF(), longString(in), in.readBoolean()));
        return new TableConstraints(fks, checks);
    }

    private static void names(DataOutputStream out, List<String> names) throws IOException {
        out.writeInt(names.size());
        for (String n : names) out.writeUTF(n);
    }

    private static List<String> names(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readUTF());
        return out;
    }

    private static void column(DataOutputStream out, ColumnDef c) throws IOException {
        out.writeUTF(c.name());
        type(out, c.type());
        out.writeBoolean(c.nullable());
        switch (c.defaultValue()) {
            case DefaultValue.None n -> out.writeByte(0);
            case DefaultValue.Literal l -> {
                out.writeByte(1);
                value(out, l.value());
            }
            case DefaultValue.CurrentTimestamp ts -> {
                out.writeByte(2);
                out.writeInt(ts.fsp());
            }
            case DefaultValue.Expression e -> {
                out.writeByte(3);
                longString(out, e.sql());
            }
        }
        out.writeBoolean(c.autoIncrement());
        out.writeBoolean(c.onUpdateCurrentTimestamp());
        longString(out, c.comment());
    }

    private static ColumnDef column(DataInputStream in) throws IOException {
        String name = in.readUTF();
        SqlType type = type(in);
        boolean nullable = in.readBoolean();
        DefaultValue dv = switch (in.readByte()) {
            case 0 -> DefaultValue.NONE;
            case 1 -> new DefaultValue.Literal(value(in));
            case 2 -> new DefaultValue.CurrentTimestamp(in.readInt());
            case 3 -> new DefaultValue.Expression(longString(in));
            default -> throw new IOException("bad default tag");
        };
        return new ColumnDef(name, type, nullable, dv, in.readBoolean(), in.readBoolean(), longString(in));
    }

    private static void type(DataOutputStream out, SqlType t) throws IOException {
        out.writeUTF(t.kind().name());
        out.writeInt(t.length());
        out.writeInt(t.precision());
        out.writeInt(t.scale());
        out.writeBoolean(t.unsigned());
        out.writeBoolean(t.zerofill());
        out.writeInt(t.values().size());
        for (String v : t.values()) out.writeUTF(v);
        nullableUtf(out, t.collation() == null ? null : t.collation().name());
    }

    private static SqlType type(DataInputStream in) throws IOException {
        TypeKind kind = TypeKind.valueOf(in.readUTF());
        int length = in.readInt(), precision = in.readInt(), scale = in.readInt();
        boolean unsigned = in.readBoolean(), zerofill = in.readBoolean();
        int nv = in.readInt();
        List<String> values = new ArrayList<>(nv);
        for (int i = 0; i < nv; i++) values.add(in.readUTF());
        String coll = nullableUtf(in);
        return new SqlType(kind, length, precision, scale, unsigned, zerofill, values,
                coll == null ? null : Collation.forName(coll));
    }

    private static void value(DataOutputStream out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(0);
            case Long l -> { out.writeByte(1); out.writeLong(l); }
            case BigInteger b -> { out.writeByte(2); out.writeUTF(b.toString()); }
            case BigDecimal d -> { out.writeByte(3); out.writeUTF(d.toString()); }
            case Double d -> { out.writeByte(4); out.writeDouble(d); }
            case String s -> { out.writeByte(5); longString(out, s); }
            case byte[] b -> { out.writeByte(6); out.writeInt(b.length); out.write(b); }
            case LocalDate d -> { out.writeByte(7); out.writeLong(d.toEpochDay()); }
            case LocalDateTime dt -> { out.writeByte(8); out.writeUTF(dt.toString()); }
            case Duration d -> { out.writeByte(9); out.writeLong(d.getSeconds()); out.writeInt(d.getNano()); }
            case Boolean b -> { out.writeByte(1); out.writeLong(b ? 1 : 0); }
            case Number n -> { out.writeByte(1); out.writeLong(n.longValue()); }
            default -> { out.writeByte(5); longString(out, v.toString()); }
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        return switch (in.readByte()) {
            case 0 -> null;
            case 1 -> in.readLong();
            case 2 -> new BigInteger(in.readUTF());
            case 3 -> new BigDecimal(in.readUTF());
            case 4 -> in.readDouble();
            case 5 -> longString(in);
            case 6 -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield b;
            }
            case 7 -> LocalDate.ofEpochDay(in.readLong());
            case 8 -> LocalDateTime.parse(in.readUTF());
            case 9 -> Duration.ofSeconds(in.readLong(), in.readInt());
            default -> throw new IOException("bad value tag");
        };
    }

    /** writeUTF is limited to 64 KB; view text and comments may be longer. */
    private static void longString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String longString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void nullableUtf(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String nullableUtf(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private interface Writer { void write(DataOutputStream out) throws IOException; }

    private interface Reader<T> { T read(DataInputStream in) throws IOException; }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] b, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int v = in.readByte();
            if (v != VERSION) throw new IOException("unknown catalog format version " + v);
            return r.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt catalog entry", e);
        }
    }
}
