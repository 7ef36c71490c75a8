package dev.basalt.engine.table;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.time.SessionZone;
import dev.basalt.engine.time.TimeZones;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's TIMESTAMP columns, stored in UTC: rows and key bounds coming in are converted from the
 * session zone, rows going out back to it. Values at the far ends of the calendar pass unchanged.
 */
final class TimestampColumns {
    /** Wide of any zone offset at both ends, so that conversions never overflow and always invert. */
    private static final LocalDateTime MIN = LocalDateTime.of(2, 1, 1, 0, 0), MAX = LocalDateTime.of(9998, 12, 31, 0, 0);

    private final boolean[] isTimestamp;
    private final boolean any;

    TimestampColumns(TableDef def) {
        List<SqlType> types = def.columnTypes();
        isTimestamp = new boolean[types.size()];
        boolean a = false;
        for (int i = 0; i < isTimestamp.length; i++) {
            isTimestamp[i] = types.get(i).kind() == TypeKind.TIMESTAMP;
            a |= isTimestamp[i];
        }
        any = a;
    }

    /** The zone to convert for, or null when this table or this session needs no conversion. */
    ZoneId zone() { return any ? SessionZone.current() : null; }

    boolean isTimestamp(int column) { return column < isTimestamp.length && isTimestamp[column]; }

    /** A copy of the row with its TIMESTAMP values in UTC (the row itself when nothing converts). */
    Object[] toStored(Object[] row) {
        ZoneId z = zone();
        if (z == null || row == null) return row;
        Object[] r = row.clone();
        for (int i = 0; i < isTimestamp.length && i < r.length; i++) if (isTimestamp[i]) r[i] = toUtc(r[i], z);
        return r;
    }

    /** The stored row converted in place to the session zone. */
    Object[] fromStored(Object[] row) {
        ZoneId z = zone();
        if (z == null || row == null) return row;
        for (int i = 0; i < isTimestamp.length && i < row.length; i++) if (isTimestamp[i]) row[i] = fromUtc(row[i], z);
        return row;
    }

    /** Key bound values (one per index part, in part order) with TIMESTAMP parts in UTC. */
    List<Object> boundToStored(List<Object> values, int[] partColumns) {
        ZoneId z = zone();
        if (z == null || values == null) return values;
        List<Object> r = new ArrayList<>(values);
        for (int i = 0; i < r.size() && i < partColumns.length; i++) if (isTimestamp(partColumns[i])) r.set(i, toUtc(r.get(i), z));
        return r;
    }

    private static Object toUtc(Object v, ZoneId z) {
        if (!(v instanceof LocalDateTime t) || t.isBefore(MIN) || t.isAfter(MAX)) return v;
        Instant i = TimeZones.toInstant(t, z);
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Object fromUtc(Object v, ZoneId z) {
        if (!(v instanceof LocalDateTime t) || t.isBefore(MIN) || t.isAfter(MAX)) return v;
        return LocalDateTime.ofInstant(t.toInstant(ZoneOffset.UTC), z);
    }
}
