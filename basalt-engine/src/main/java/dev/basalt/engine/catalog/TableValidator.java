package dev.basalt.engine.catalog;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Catalog-level checks of a table definition with MySQL's errors, and the normalisations MySQL
 * applies silently (PRIMARY KEY columns become NOT NULL, unnamed indexes are named after their
 * first column).
 */
final class TableValidator {
    private TableValidator() {}

    static TableDef validate(TableDef t) {
        NameLimits.check(t.name());
        if (t.columns().isEmpty()) throw ErrorCode.ER_TABLE_MUST_HAVE_COLUMNS.error();
        Set<String> names = new HashSet<>();
        for (ColumnDef c : t.columns()) {
            NameLimits.check(c.name());
            if (!names.add(c.name().toLowerCase(Locale.ROOT))) throw ErrorCode.ER_DUP_FIELDNAME.error(c.name());
        }
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        List<IndexDef> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        boolean primarySeen = false;
        List<IndexDef> fulltext = new ArrayList<>(); // MySQL lists FULLTEXT keys after the others
        for (IndexDef ix : t.indexes()) {
            if (ix.primary()) {
                if (primarySeen) throw ErrorCode.ER_MULTIPLE_PRI_KEY.error();
                primarySeen = true;
                ix = new IndexDef(ix.indexId(), IndexDef.PRIMARY, true, true, ix.parts());
            } else if (ix.name() == null || ix.name().isEmpty()) {
                ix = ix.withName(generatedName(columns.get(checkPart(columns, ix.parts().getFirst())).name(), indexNames));
            }
            NameLimits.check(ix.name());
            if (ix.parts().isEmpty()) throw ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXIST.error("");
            if (!indexNames.add(ix.name().toLowerCase(Locale.ROOT))) throw ErrorCode.ER_DUP_KEYNAME.error(ix.name());
            if (ix.spatial()) {
                checkSpatial(columns, ix);
                indexes.add(ix);
                continue;
            }
            if (ix.fulltext()) {
                checkFulltext(columns, ix);
                fulltext.add(ix);
                continue;
            }
            long keyBytes = 0;
            for (IndexPart p : ix.parts()) {
                ColumnDef c = columns.get(checkPart(columns, p));
                if (c.type().kind() == dev.basalt.engine.types.TypeKind.JSON) throw dev.basalt.engine.json.JsonValues.usedAsKey(c.name());
                if (c.type().kind().isLob() && p.prefixLength() == 0) {
                    throw ErrorCode.ER_BLOB_KEY_WITHOUT_LENGTH.error(c.name());
                }
                keyBytes += partBytes(c, p);
                if (ix.primary() && c.nullable()) columns.set(p.column(), c.withNullable(false));
            }
            if (keyBytes > MAX_KEY_BYTES) throw ErrorCode.ER_TOO_LONG_KEY.error(MAX_KEY_BYTES);
            indexes.add(ix);
        }
        indexes.addAll(fulltext);
        int auto = -1;
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = columns.get(i);
            if (!c.autoIncrement()) continue;
            TypeKind k = c.type().kind();
            if (auto >= 0 || !(k.isInteger() || k.isApproximate())) throw ErrorCode.ER_WRONG_AUTO_KEY.error();
            auto = i;
        }
        if (auto >= 0) {
            boolean leads = false;
            for (IndexDef ix : indexes) leads |= ix.parts().getFirst().column() == auto;
            if (!leads) throw ErrorCode.ER_WRONG_AUTO_KEY.error();
        }
        return new TableDef(t.tableId(), t.database(), t.name(), columns, indexes, t.options(), t.constraints());
    }

    /** InnoDB indexes CHAR, VARCHAR and TEXT columns (not binary strings) in full-text indexes. */
    private static void checkFulltext(List<ColumnDef> columns, IndexDef ix) {
        for (IndexPart p : ix.parts()) {
            ColumnDef c = columns.get(checkPart(columns, p));
            TypeKind k = c.type().kind();
            boolean text = switch (k) {
                case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> true;
                default -> false;
            };
            if (!text) throw ErrorCode.ER_BAD_FT_COLUMN.error(c.name());
        }
    }

    /** A SPATIAL index: one geometry column, NOT NULL (also when ALTER TABLE changes the column later). */
    private static void checkSpatial(List<ColumnDef> columns, IndexDef ix) {
        if (ix.parts().size() != 1) throw ErrorCode.ER_TOO_MANY_KEY_PARTS.error(1);
        ColumnDef c = columns.get(checkPart(columns, ix.parts().getFirst()));
        if (!c.type().kind().isSpatial()) throw ErrorCode.ER_SPATIAL_MUST_HAVE_GEOM_COL.error();
        if (c.nullable()) throw ErrorCode.ER_SPATIAL_CANT_HAVE_NULL.error();
    }

    /** InnoDB's limit for DYNAMIC rows, which MySQL 8 reports in 1071. */
    static final int MAX_KEY_BYTES = 3072;

    /** Worst-case bytes of a string key part as MySQL counts them (utf8mb4: 4 per character). */
    private static long partBytes(ColumnDef c, IndexPart p) {
        TypeKind k = c.type().kind();
        if (k.isBinary()) return p.prefixLength() > 0 ? p.prefixLength() : c.type().length();
        if (k == TypeKind.CHAR || k == TypeKind.VARCHAR || k.isLob()) {
            long chars = p.prefixLength() > 0 ? p.prefixLength() : c.type().length();
            return chars * 4;
        }
        return 8;
    }

    private static int checkPart(List<ColumnDef> columns, IndexPart p) {
        if (p.column() < 0 || p.column() >= columns.size()) throw ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXIST.error("#" + p.column());
        return p.column();
    }

    /** MySQL names an unnamed index after its first column, adding _2, _3 ... on clashes. */
    static String generatedName(String column, Set<String> taken) {
        String name = column;
        for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase(IndexDef.PRIMARY); i++) {
            name = column + "_" + i;
        }
        return name;
    }

    static SqlException cantDropAllColumns() {
        return new SqlException(1090, "42000", "You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
    }
}
