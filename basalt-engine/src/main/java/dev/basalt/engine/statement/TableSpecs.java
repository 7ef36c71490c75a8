package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableOptions;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.ColumnDefinition;
import dev.basalt.sql.ast.DataType;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.IndexDefinition;
import dev.basalt.sql.ast.IndexKind;
import dev.basalt.sql.ast.KeyPart;
import dev.basalt.sql.ast.NullLiteral;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns CREATE/ALTER TABLE syntax into catalog definitions, with MySQL's validation errors. */
public final class TableSpecs {
    private TableSpecs() {}

    /** MySQL's SqlType for a declared data type. */
    public static SqlType type(DataType d, String column, String tableCollation) {
        boolean u = d.unsigned() || d.zerofill();
        Long len = d.length();
        Integer scale = d.scale();
        Collation coll = d.binary() ? Collation.BINARY
                : d.collation() != null ? Collation.forName(d.collation())
                : Collation.forName(tableCollation);
        return switch (d.name()) {
            case TINYINT -> integer(TypeKind.TINYINT, len, u ? 3 : 4, u, d.zerofill());
            case SMALLINT -> integer(TypeKind.SMALLINT, len, u ? 5 : 6, u, d.zerofill());
            case MEDIUMINT -> integer(TypeKind.MEDIUMINT, len, u ? 8 : 9, u, d.zerofill());
            case INT -> integer(TypeKind.INT, len, u ? 10 : 11, u, d.zerofill());
            case BIGINT -> integer(TypeKind.BIGINT, len, 20, u, d.zerofill());
            case DECIMAL -> {
                int p = len == null ? 10 : len.intValue();
                int s = scale == null ? 0 : scale;
                if (p > 65) throw new SqlException(ErrorCode.ER_TOO_BIG_PRECISION, p, column, 65);
                if (s > 30) throw new SqlException(ErrorCode.ER_TOO_BIG_SCALE, s, column, 30);
                if (s > p) throw new SqlException(ErrorCode.ER_M_BIGGER_THAN_D, column);
                if (p == 0) p = 10;
                yield new SqlType(TypeKind.DECIMAL, 0, p, s, u, d.zerofill(), List.of(), null);
            }
            case FLOAT -> {
                if (len != null && scale == null && len > 24) {
                    yield new SqlType(TypeKind.DOUBLE, 22, 0, -1, u, d.zerofill(), List.of(), null);
                }
                yield new SqlType(TypeKind.FLOAT, 12, scale == null ? 0 : len.intValue(), scale == null ? -1 : scale, u,
                        d.zerofill(), List.of(), null);
            }
            case DOUBLE -> new SqlType(TypeKind.DOUBLE, 22, scale == null ? 0 : len.intValue(), scale == null ? -1 : scale, u,
                    d.zerofill(), List.of(), null);
            case BIT -> SqlType.of(TypeKind.BIT, len == null ? 1 : len.intValue());
            case YEAR -> SqlType.of(TypeKind.YEAR, 4);
            case CHAR -> chars(TypeKind.CHAR, len == null ? 1 : len, 255, column, coll);
            case VARCHAR -> chars(TypeKind.VARCHAR, len == null ? 0 : len, 16383, column, coll);
            case BINARY -> SqlType.of(TypeKind.BINARY, len == null ? 1 : len.intValue());
            case VARBINARY -> SqlType.of(TypeKind.VARBINARY, len == null ? 0 : len.intValue());
            case TINYTEXT -> SqlType.of(TypeKind.TINYTEXT, 255).withCollation(coll);
            case TEXT -> SqlType.of(len == null || len > 16777215 ? (len == null ? TypeKind.TEXT : TypeKind.LONGTEXT)
                    : len > 65535 ? TypeKind.MEDIUMTEXT : len > 255 ? TypeKind.TEXT : TypeKind.TINYTEXT).withCollation(coll);
            case MEDIUMTEXT -> SqlType.of(TypeKind.MEDIUMTEXT).withCollation(coll);
            case LONGTEXT -> SqlType.of(TypeKind.LONGTEXT).withCollation(coll);
            case TINYBLOB -> SqlType.of(TypeKind.TINYBLOB, 255);
            case BLOB -> SqlType.of(len == null ? TypeKind.BLOB : len > 16777215 ? TypeKind.LONGBLOB
                    : len > 65535 ? TypeKind.MEDIUMBLOB : len > 255 ? TypeKind.BLOB : TypeKind.TINYBLOB);
            case MEDIUMBLOB -> SqlType.of(TypeKind.MEDIUMBLOB);
            case LONGBLOB -> SqlType.of(TypeKind.LONGBLOB);
            case DATE -> SqlType.DATE;
            case TIME -> SqlType.TIME.withScale(fsp(len, column));
            case DATETIME -> SqlType.DATETIME.withScale(fsp(len, column));
            case TIMESTAMP -> SqlType.of(TypeKind.TIMESTAMP).withScale(fsp(len, column));
            case ENUM -> new SqlType(TypeKind.ENUM, 0, 0, 0, false, false, d.values(), coll);
            case SET -> new SqlType(TypeKind.SET, 0, 0, 0, false, false, d.values(), coll);
            case JSON -> SqlType.of(TypeKind.JSON);
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION ->
                    dev.basalt.engine.spatial.SpatialTypes.columnType(TypeKind.valueOf(d.name().name()), len);
            case ARRAY -> arrayType(d.values().get(0));
            case INTERVAL -> SqlType.of(TypeKind.INTERVAL);
            case UUID -> SqlType.uuid().withCollation(coll);
            case JSONB -> SqlType.of(TypeKind.JSON).withLogical(dev.basalt.engine.types.LogicalType.BINARY_JSON);
        };
    }

    private static SqlType arrayType(String element) {
        dev.basalt.engine.types.ArrayElement e = dev.basalt.engine.types.ArrayElement.ofPgName(element);
        if (e == null) {
            throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'arrays of " + element + "'");
        }
        return SqlType.array(e);
    }

    private static SqlType integer(TypeKind k, Long width, int dflt, boolean unsigned, boolean zerofill) {
        int w = width == null ? dflt : width.intValue();
        return new SqlType(k, w, 0, 0, unsigned, zerofill, List.of(), null);
    }

    private static SqlType chars(TypeKind k, long len, int max, String column, Collation coll) {
        if (len > max) throw new SqlException(ErrorCode.ER_TOO_BIG_FIELDLENGTH, column, max);
        return SqlType.of(k, (int) len).withCollation(coll);
    }

    private static int fsp(Long len, String column) {
        if (len == null) return 0;
        if (len > 6) throw new SqlException(ErrorCode.ER_TOO_BIG_PRECISION, len.intValue(), column, 6);
        return len.intValue();
    }

    /** A column definition; PRIMARY KEY / UNIQUE column attributes are returned as index specs. */
    static ColumnDef column(ColumnDefinition c, String tableCollation, EvalContext ctx, boolean inPrimaryKey) {
        SqlType t = type(c.type(), c.name(), tableCollation);
        boolean nullable = c.nullable() == null ? !(c.primaryKey() || inPrimaryKey) : c.nullable();
        if ((c.primaryKey() || inPrimaryKey) && Boolean.TRUE.equals(c.nullable())) {
            throw new SqlException(ErrorCode.ER_PRIMARY_CANT_HAVE_NULL);
        }
        if (c.primaryKey() || inPrimaryKey) nullable = false;
        if (c.generated() != null) {
            // the expression is bound against the whole table by ConstraintSpecs.generatedColumns
            if (c.defaultValue() != null) throw new SqlException(ErrorCode.ER_WRONG_USAGE, "DEFAULT", "generated column");
            if (c.autoIncrement()) throw new SqlException(ErrorCode.ER_WRONG_USAGE, "AUTO_INCREMENT", "generated column");
            if (c.onUpdate() != null) throw new SqlException(ErrorCode.ER_WRONG_USAGE, "ON UPDATE", "generated column");
            return new ColumnDef(c.name(), t, nullable, DefaultValue.NONE, false, false, c.comment() == null ? "" : c.comment(),
                    new ColumnDef.Generated(dev.basalt.engine.constraint.ExpressionText.normalize(c.generated().text()), c.generated().stored()));
        }
        DefaultValue dv = defaultValue(c, t, nullable, ctx);
        boolean onUpdate = false;
        if (c.onUpdate() != null) {
            if (!isCurrentTimestamp(c.onUpdate()) || !(t.kind() == TypeKind.DATETIME || t.kind() == TypeKind.TIMESTAMP)) {
                throw new SqlException(ErrorCode.ER_INVALID_ON_UPDATE, c.name());
            }
            onUpdate = true;
        }
        if (c.autoIncrement() && !(t.kind().isInteger() || t.kind().isApproximate())) {
            throw new SqlException(ErrorCode.ER_WRONG_FIELD_SPEC, c.name());
        }
        return new ColumnDef(c.name(), t, nullable, dv, c.autoIncrement(), onUpdate, c.comment() == null ? "" : c.comment());
    }

    static boolean isCurrentTimestamp(Expression e) {
        if (e instanceof FunctionCall f) {
            String n = f.name().toUpperCase(Locale.ROOT);
            return n.equals("CURRENT_TIMESTAMP") || n.equals("NOW") || n.equals("LOCALTIMESTAMP") || n.equals("LOCALTIME");
        }
        return false;
    }

    private static DefaultValue defaultValue(ColumnDefinition c, SqlType t, boolean nullable, EvalContext ctx) {
        Expression d = c.defaultValue();
        if (d == null) return DefaultValue.NONE;
        // DEFAULT (expr) (MySQL 8.0.13) is never folded, even when constant: MySQL shows DEFAULT (1),
        // DEFAULT (NULL), DEFAULT (_utf8mb4'0') as written, and a value that does not fit the column
        // (INT DEFAULT ('abc')) fails when a row takes it (1366), not at CREATE (1067)
        if (c.defaultText() != null) return expressionDefault(c.defaultText());
        if (isCurrentTimestamp(d)) {
            if (!(t.kind() == TypeKind.DATETIME || t.kind() == TypeKind.TIMESTAMP)) {
                throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
            }
            FunctionCall f = (FunctionCall) d;
            int fsp = f.args().isEmpty() || !(f.args().get(0) instanceof dev.basalt.sql.ast.NumberLiteral n) ? 0 : Integer.parseInt(n.text());
            return new DefaultValue.CurrentTimestamp(fsp);
        }
        if (d instanceof NullLiteral) {
            if (!nullable) throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
            return DefaultValue.literal(null);
        }
        Expr e = new ExprBinder(Scope.empty(null), null, null, "field list").bind(d);
        // BLOB/TEXT/JSON take a default only as DEFAULT (expr)
        if (t.kind().isLob()) throw new SqlException(ErrorCode.ER_BLOB_CANT_HAVE_DEFAULT, c.name());
        if (!e.isConstant()) throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
        Object v = e.eval(ctx, null);
        if (v == null) {
            if (!nullable) throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
            return DefaultValue.literal(null);
        }
        try {
            return DefaultValue.literal(Coercion.toColumn(StrictnessContext.strict(ctx), v, e.type(), t, c.name(), 1));
        } catch (SqlException ex) {
            throw new SqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
        }
    }

    static DefaultValue expressionDefault(String text) {
        return new DefaultValue.Expression(dev.basalt.engine.constraint.ExpressionText.normalize(text));
    }

    /** Index spec from a table constraint; column positions resolved against {@code columns}. */
    static IndexDef index(IndexDefinition ix, List<ColumnDef> columns, Set<String> usedNames) {
        boolean fulltext = ix.kind() == IndexKind.FULLTEXT;
        boolean spatial = ix.kind() == IndexKind.SPATIAL; // validated by SpatialIndexes and TableValidator
        List<IndexPart> parts = new ArrayList<>();
        for (KeyPart kp : ix.parts()) {
            if (kp.expression() != null) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "functional key parts");
            int col = indexOf(columns, kp.column());
            if (col < 0) throw new SqlException(ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXIST, kp.column());
            ColumnDef c = columns.get(col);
            int prefix = kp.prefixLength() == null ? 0 : kp.prefixLength().intValue();
            if (c.type().kind() == TypeKind.JSON) throw dev.basalt.engine.json.JsonValues.usedAsKey(c.name());
            // a FULLTEXT index takes whole columns (its column types are checked by TableValidator)
            if (fulltext || spatial) prefix = 0;
            else if (c.type().kind().isLob() && prefix == 0) throw new SqlException(ErrorCode.ER_BLOB_KEY_WITHOUT_LENGTH, c.name());
            parts.add(new IndexPart(col, prefix, kp.descending()));
        }
        boolean primary = ix.kind() == IndexKind.PRIMARY;
        String name = primary ? IndexDef.PRIMARY : ix.name() != null ? ix.name() : ix.constraintName();
        if (!primary) {
            if (name == null) name = uniqueName(columns.get(parts.get(0).column()).name(), usedNames);
            if (name.equalsIgnoreCase("PRIMARY")) throw new SqlException(ErrorCode.ER_WRONG_NAME_FOR_INDEX, name);
            if (!usedNames.add(name.toLowerCase(Locale.ROOT))) throw new SqlException(ErrorCode.ER_DUP_KEYNAME, name);
        }
        return new IndexDef(0, name, primary, primary || ix.kind() == IndexKind.UNIQUE, parts, fulltext, spatial);
    }

    /** MySQL names an unnamed index after its first column, adding _2, _3 ... on clashes. */
    static String uniqueName(String base, Set<String> used) {
        String n = base;
        for (int i = 2; used.contains(n.toLowerCase(Locale.ROOT)); i++) n = base + "_" + i;
        return n;
    }

    static int indexOf(List<ColumnDef> columns, String name) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equalsIgnoreCase(name)) return i;
        return -1;
    }

    static TableOptions options(dev.basalt.sql.ast.TableOptions o, TableOptions base) {
        TableOptions b = base == null ? TableOptions.DEFAULT : base;
        if (o == null) return b;
        String engine = b.engine();
        if (o.engine() != null) engine = engineName(o.engine());
        String charset = o.charset() != null ? o.charset().toLowerCase(Locale.ROOT) : b.charset();
        String collation = o.collation() != null ? o.collation().toLowerCase(Locale.ROOT)
                : o.charset() != null ? (charset.startsWith("utf8mb4") ? "utf8mb4_0900_ai_ci" : charset + "_general_ci") : b.collation();
        return new TableOptions(engine, charset, collation, o.comment() != null ? o.comment() : b.comment(),
                o.autoIncrement() != null ? o.autoIncrement() : b.autoIncrementStart(), b.partitioning(),
                b.stats().with(statsOption(o, "STATS_PERSISTENT"), statsOption(o, "STATS_AUTO_RECALC"),
                        statsOption(o, "STATS_SAMPLE_PAGES")));
    }

    /** A STATS_* option as given (the parser checked its value), DEFAULT as StatsOptions.DEFAULT; null when not given. */
    private static Integer statsOption(dev.basalt.sql.ast.TableOptions o, String name) {
        String v = o.others().get(name);
        if (v == null) return null;
        return v.equalsIgnoreCase("DEFAULT") ? dev.basalt.engine.catalog.StatsOptions.DEFAULT : Integer.parseInt(v);
    }

    private static String engineName(String e) {
        return switch (e.toLowerCase(Locale.ROOT)) {
            case "innodb" -> "InnoDB";
            case "myisam" -> "MyISAM";
            case "memory", "heap" -> "MEMORY";
            case "aria" -> "Aria";
            case "lmdb", "basalt" -> "InnoDB";
            case "csv", "archive", "blackhole", "merge", "mrg_myisam" -> e.toUpperCase(Locale.ROOT);
            default -> throw new SqlException(ErrorCode.ER_UNKNOWN_STORAGE_ENGINE, e);
        };
    }

    /** Checks the table-level rules: one primary key, one auto column that is a key, unique column names. */
    static void validate(List<ColumnDef> columns, List<IndexDef> indexes) {
        if (columns.isEmpty()) throw new SqlException(ErrorCode.ER_TABLE_MUST_HAVE_COLUMNS);
        Set<String> names = new HashSet<>();
        for (ColumnDef c : columns) {
            if (!names.add(c.name().toLowerCase(Locale.ROOT))) throw new SqlException(ErrorCode.ER_DUP_FIELDNAME, c.name());
        }
        int pks = 0;
        for (IndexDef i : indexes) if (i.primary()) pks++;
        if (pks > 1) throw new SqlException(ErrorCode.ER_MULTIPLE_PRI_KEY);
        int autos = 0;
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).autoIncrement()) continue;
            autos++;
            boolean keyed = false;
            for (IndexDef ix : indexes) if (!ix.parts().isEmpty() && ix.parts().get(0).column() == i) keyed = true;
            if (!keyed) throw new SqlException(ErrorCode.ER_WRONG_AUTO_KEY);
        }
        if (autos > 1) throw new SqlException(ErrorCode.ER_WRONG_AUTO_KEY);
    }
}
