package dev.basalt.engine.partition;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.constraint.ExpressionText;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.FromColumns;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueText;
import dev.basalt.engine.types.Values;
import dev.basalt.sql.ast.CreateTable;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.PartitionSpec;
import dev.basalt.sql.parser.MySqlParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The partitioning of a table, bound to its columns: which partition a row belongs to, and the
 * checks MySQL makes when a table is partitioned (1479..1748). The catalog keeps only the text
 * SHOW CREATE TABLE prints ({@link #text()}); {@link #of} reads it back through the parser.
 *
 * Rows of all partitions share the table's storage; the partition of a row is computed from the
 * row (so DROP/TRUNCATE PARTITION delete the rows of that partition, see docs/compatibility.md).
 */
public final class Partitioning {
    /** Value of a MAXVALUE bound. */
    private static final Object MAXVALUE = new Object();

    private final TableDef table;
    private final PartitionSpec spec;
    private final Expr expression;      // RANGE/LIST/HASH (expr), else null
    private final int[] columns;        // COLUMNS forms and KEY
    private final List<String> names = new ArrayList<>();
    private final List<Object[]> bounds = new ArrayList<>();           // RANGE: one tuple per partition
    private final List<List<Object[]>> lists = new ArrayList<>();      // LIST: value tuples per partition
    private final List<String> comments = new ArrayList<>();

    private Partitioning(EvalContext ctx, TableDef table, PartitionSpec spec) {
        this.table = table;
        this.spec = spec;
        boolean ranged = spec.kind() == PartitionSpec.Kind.RANGE, listed = spec.kind() == PartitionSpec.Kind.LIST;
        if (spec.expression() != null) {
            expression = bind(table, spec.expression());
            columns = null;
            checkFunctions();
            checkIntegerFunction(spec.expression());
        } else {
            expression = null;
            columns = columnsOf(table, spec);
        }
        if ((ranged || listed) && spec.partitions().isEmpty()) {
            throw ErrorCode.ER_PARTITIONS_MUST_BE_DEFINED_ERROR.error(spec.kind().name());
        }
        if (spec.count() > 0 && !spec.partitions().isEmpty() && spec.count() != spec.partitions().size()) {
            throw ErrorCode.ER_PARTITION_WRONG_NO_PART_ERROR.error();
        }
        int n = spec.partitions().isEmpty() ? Math.max(1, spec.count()) : spec.partitions().size();
        if (n > 8192) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "more than 8192 partitions");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            PartitionSpec.Partition p = spec.partitions().isEmpty() ? null : spec.partitions().get(i);
            String name = p == null ? "p" + i : p.name();
            if (!seen.add(name.toLowerCase(Locale.ROOT))) throw ErrorCode.ER_SAME_NAME_PARTITION.error(name);
            names.add(name);
            comments.add(p == null ? null : p.comment());
            if (p != null && p.lessThan() != null && !ranged) {
                throw ErrorCode.ER_PARTITION_WRONG_VALUES_ERROR.error("RANGE", "LESS THAN");
            }
            if (p != null && p.in() != null && !listed) {
                throw ErrorCode.ER_PARTITION_WRONG_VALUES_ERROR.error("LIST", "IN");
            }
            if (ranged) {
                if (p.lessThan() == null) throw ErrorCode.ER_PARTITION_REQUIRES_VALUES_ERROR.error("RANGE", "LESS THAN");
                bounds.add(boundTuple(ctx, p, p.lessThan(), true));
            } else if (listed) {
                if (p.in() == null) throw ErrorCode.ER_PARTITION_REQUIRES_VALUES_ERROR.error("LIST", "IN");
                List<Object[]> values = new ArrayList<>();
                for (List<Expression> tuple : p.in()) values.add(boundTuple(ctx, p, tuple, false));
                // MySQL keeps LIST (expr) values sorted, NULL first: SHOW CREATE TABLE prints them so
                if (columns == null) values.sort(this::compareTuple);
                lists.add(values);
            }
        }
        if (ranged) checkIncreasing();
        if (listed) checkDistinct();
    }

    /** Binds, checks and renders a PARTITION BY clause for a table being created or altered (1503, 1506, ...). */
    public static Partitioning define(EvalContext ctx, TableDef table, PartitionSpec spec) {
        Partitioning p = new Partitioning(ctx, table, spec);
        p.checkKeys();
        if (!table.foreignKeys().isEmpty()) throw ErrorCode.ER_FOREIGN_KEY_ON_PARTITIONED.error();
        for (IndexDef ix : table.indexes()) {
            if (ix.fulltext()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "FULLTEXT indexes on a partitioned table");
            if (ix.spatial()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "SPATIAL indexes on a partitioned table");
        }
        return p;
    }

    /** The partitioning of a table, or null when it has none. */
    public static Partitioning of(EvalContext ctx, TableDef table) {
        String text = table.options().partitioning();
        if (text == null) return null;
        // the stored text is a PARTITION BY clause: the parser reads it as the tail of a CREATE TABLE
        if (MySqlParser.parseOne("CREATE TABLE t (x INT) " + text) instanceof CreateTable c && c.partitioning() != null) {
            return new Partitioning(ctx, table, c.partitioning());
        }
        throw new SqlException(ErrorCode.ER_INTERNAL_ERROR, "unreadable partitioning: " + text);
    }

    public PartitionSpec spec() { return spec; }

    public List<String> names() { return List.copyOf(names); }

    public int size() { return names.size(); }

    /** Position of the named partition (case-insensitive, as MySQL), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(name)) return i;
        return -1;
    }

    /** The partition of a row; 1526 when RANGE or LIST has none for it. */
    public int partitionOf(EvalContext ctx, Object[] row) {
        return switch (spec.kind()) {
            case HASH -> hashed(ctx, row);
            case KEY -> keyed(row);
            case RANGE -> ranged(ctx, row);
            case LIST -> listed(ctx, row);
        };
    }

    // ---- routing ------------------------------------------------------------------------------

    private int hashed(EvalContext ctx, Object[] row) {
        Object v = expression.eval(ctx, row);
        long h = v == null ? 0 : Coercion.toLong(ctx, v);
        return bucket(Math.abs(h));
    }

    /** KEY hashes the columns' values (our own hash: rows land in other partitions than in MySQL). */
    private int keyed(Object[] row) {
        long h = 0;
        for (int c : columns) {
            Object v = row[c];
            Object k = v == null ? null : Values.groupKey(v, table.columns().get(c).type());
            h = h * 31 + (k == null ? 0 : k.hashCode());
        }
        return bucket(h & Long.MAX_VALUE);
    }

    /** HASH: MOD(value, n); LINEAR: MySQL's powers-of-two folding. */
    private int bucket(long h) {
        int n = names.size();
        if (!spec.linear()) return (int) (h % n);
        long v = Long.highestOneBit(Math.max(1, n - 1)) << 1;
        if (n == 1) return 0;
        long p = h & (v - 1);
        while (p >= n) {
            v >>= 1;
            p = p & (v - 1);
        }
        return (int) p;
    }

    private int ranged(EvalContext ctx, Object[] row) {
        Object[] key = key(ctx, row);
        for (int i = 0; i < bounds.size(); i++) {
            if (compareTuple(key, bounds.get(i)) < 0) return i;
        }
        throw noPartition(key);
    }

    private int listed(EvalContext ctx, Object[] row) {
        Object[] key = key(ctx, row);
        for (int i = 0; i < lists.size(); i++) {
            for (Object[] t : lists.get(i)) if (equalTuple(key, t)) return i;
        }
        throw noPartition(key);
    }

    private SqlException noPartition(Object[] key) {
        if (columns != null) return ErrorCode.ER_NO_PARTITION_FOR_GIVEN_VALUE.error("from column_list");
        return ErrorCode.ER_NO_PARTITION_FOR_GIVEN_VALUE.error(key[0] == null ? "NULL" : String.valueOf(key[0]));
    }

    /** The values the bounds are compared with: the expression's (as a Long) or the columns'. */
    private Object[] key(EvalContext ctx, Object[] row) {
        if (expression != null) {
            Object v = expression.eval(ctx, row);
            return new Object[]{v == null ? null : Coercion.toLong(ctx, v)};
        }
        Object[] k = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) k[i] = row[columns[i]];
        return k;
    }

    private SqlType keyType(int i) {
        return columns == null ? SqlType.of(TypeKind.BIGINT) : table.columns().get(columns[i]).type();
    }

    /** NULL sorts below every value, as MySQL's RANGE partitioning treats it. */
    private int compareTuple(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (b[i] == MAXVALUE) return a[i] == MAXVALUE ? 0 : -1;
            if (a[i] == MAXVALUE) return 1;
            if (a[i] == null || b[i] == null) {
                if (a[i] == b[i]) continue;
                return a[i] == null ? -1 : 1;
            }
            int c = Values.compare(a[i], keyType(i), b[i], keyType(i));
            if (c != 0) return c;
        }
        return 0;
    }

    private boolean equalTuple(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                if (a[i] != b[i]) return false;
            } else if (Values.compare(a[i], keyType(i), b[i], keyType(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- definition checks --------------------------------------------------------------------

    private static Expr bind(TableDef table, Expression e) {
        Scope scope = new Scope(FromColumns.of(table, table.name()), null);
        ExprBinder binder = new ExprBinder(scope, (query, outer) -> {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "subqueries in a partition function");
        }, table.database(), "partition function");
        return binder.bind(e);
    }

    /** The functions MySQL allows in a partitioning expression (its manual's list). */
    private static final Set<String> ALLOWED_FUNCTIONS = Set.of("ABS", "CEILING", "CEIL", "DATEDIFF", "DAY",
            "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR", "EXTRACT", "FLOOR", "HOUR", "MICROSECOND", "MINUTE", "MOD",
            "MONTH", "QUARTER", "SECOND", "TIME_TO_SEC", "TO_DAYS", "TO_SECONDS", "UNIX_TIMESTAMP", "WEEKDAY",
            "YEAR", "YEARWEEK");

    /**
     * 1564 for a function or operator MySQL does not allow ({@code /} included: it is not an
     * integer operation); 1486 for an expression without columns, or one reading a TIMESTAMP
     * column other than through UNIX_TIMESTAMP (it would depend on the session time zone).
     */
    private void checkFunctions() {
        if (table.columnIndex(ExpressionText.normalize(spec.expressionText()).replace("`", "")) >= 0) return; // a bare column
        var lexer = new dev.basalt.sql.parser.Lexer(spec.expressionText(), dev.basalt.sql.parser.ParserOptions.DEFAULT);
        var t = lexer.next();
        String previousFunction = null;
        boolean anyColumn = false;
        while (t.type != dev.basalt.sql.parser.TokenType.EOF) {
            var next = lexer.next();
            boolean name = t.type == dev.basalt.sql.parser.TokenType.IDENT || t.type == dev.basalt.sql.parser.TokenType.QUOTED_IDENT
                    || t.keyword != null;
            if (name && next.type == dev.basalt.sql.parser.TokenType.LPAREN) {
                String f = t.value().toUpperCase(Locale.ROOT);
                if (!ALLOWED_FUNCTIONS.contains(f)) throw ErrorCode.ER_PARTITION_FUNCTION_IS_NOT_ALLOWED.error();
                previousFunction = f;
            } else if (name && table.columnIndex(t.value()) >= 0) {
                anyColumn = true;
                ColumnDef c = table.columns().get(table.columnIndex(t.value()));
                if (c.type().kind() == TypeKind.TIMESTAMP && !"UNIX_TIMESTAMP".equals(previousFunction)) {
                    throw ErrorCode.ER_WRONG_EXPR_IN_PARTITION_FUNC_ERROR.error();
                }
            } else if (t.type == dev.basalt.sql.parser.TokenType.SLASH || t.type == dev.basalt.sql.parser.TokenType.PIPE
                    || t.type == dev.basalt.sql.parser.TokenType.AMP || t.type == dev.basalt.sql.parser.TokenType.CARET
                    || t.type == dev.basalt.sql.parser.TokenType.SHIFT_LEFT || t.type == dev.basalt.sql.parser.TokenType.SHIFT_RIGHT
                    || t.type == dev.basalt.sql.parser.TokenType.TILDE) {
                throw ErrorCode.ER_PARTITION_FUNCTION_IS_NOT_ALLOWED.error();
            }
            t = next;
        }
        if (!anyColumn) throw ErrorCode.ER_WRONG_EXPR_IN_PARTITION_FUNC_ERROR.error();
    }

    /** RANGE/LIST/HASH (expr) must give an integer: 1659 for a column of another type, else 1491. */
    private void checkIntegerFunction(Expression e) {
        if (expression.type().kind().isInteger()) return;
        List<Integer> used = usedColumns();
        if (used.size() == 1 && ExpressionText.normalize(spec.expressionText()).replace("`", "")
                .equalsIgnoreCase(table.columns().get(used.getFirst()).name())) {
            throw ErrorCode.ER_FIELD_TYPE_NOT_ALLOWED_AS_PARTITION_FIELD.error(table.columns().get(used.getFirst()).name());
        }
        throw ErrorCode.ER_PARTITION_FUNC_NOT_ALLOWED_ERROR.error("PARTITION");
    }

    /** The columns of COLUMNS / KEY; KEY () means the primary key. */
    private static int[] columnsOf(TableDef table, PartitionSpec spec) {
        List<String> names = spec.columns();
        if (names.isEmpty()) {
            IndexDef pk = table.primaryKey().orElse(null);
            if (pk == null) {
                for (IndexDef ix : table.indexes()) {
                    if (ix.unique() && ix.parts().stream().allMatch(p -> !table.columns().get(p.column()).nullable())) {
                        pk = ix;
                        break;
                    }
                }
            }
            if (pk == null) throw ErrorCode.ER_FIELD_NOT_FOUND_PART_ERROR.error();
            return pk.parts().stream().mapToInt(IndexPart::column).toArray();
        }
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = table.columnIndex(names.get(i));
            if (out[i] < 0) throw ErrorCode.ER_FIELD_NOT_FOUND_PART_ERROR.error();
            ColumnDef c = table.columns().get(out[i]);
            TypeKind k = c.type().kind();
            boolean allowed = spec.kind() == PartitionSpec.Kind.KEY
                    ? !(k.isLob() || k == TypeKind.JSON || k.isSpatial())
                    : k.isInteger() || k == TypeKind.DATE || k == TypeKind.DATETIME || k == TypeKind.CHAR
                      || k == TypeKind.VARCHAR || k == TypeKind.BINARY || k == TypeKind.VARBINARY;
            if (!allowed) throw ErrorCode.ER_FIELD_TYPE_NOT_ALLOWED_AS_PARTITION_FIELD.error(c.name());
        }
        return out;
    }

    /** Evaluates the constants of a bound (LESS THAN) or an IN tuple. */
    private Object[] boundTuple(EvalContext ctx, PartitionSpec.Partition p, List<Expression> values, boolean maxAllowed) {
        int width = columns == null ? 1 : columns.length;
        if (values.size() != width) throw ErrorCode.ER_PARTITION_WRONG_NO_PART_ERROR.error();
        Object[] out = new Object[width];
        for (int i = 0; i < width; i++) {
            Expression e = values.get(i);
            if (e == null) {
                if (!maxAllowed) throw new SqlException(ErrorCode.ER_PARSE_ERROR, "MAXVALUE is only allowed in VALUES LESS THAN");
                out[i] = MAXVALUE;
                continue;
            }
            Expr x = bind(table, e);
            Object v = x.eval(ctx, null);
            if (columns == null) {
                if (v != null && !x.type().kind().isInteger()) throw ErrorCode.ER_VALUES_IS_NOT_INT_TYPE_ERROR.error(p.name());
                out[i] = v == null ? null : Coercion.toLong(ctx, v);
            } else {
                ColumnDef c = table.columns().get(columns[i]);
                out[i] = Coercion.toColumn(ctx, v, x.type(), c.type(), c.name(), 1);
            }
        }
        return out;
    }

    private void checkIncreasing() {
        for (int i = 0; i < bounds.size(); i++) {
            Object[] b = bounds.get(i);
            if (columns == null && b[0] == MAXVALUE && i < bounds.size() - 1) throw ErrorCode.ER_PARTITION_MAXVALUE_ERROR.error();
            if (i > 0 && compareTuple(bounds.get(i - 1), b) >= 0) throw ErrorCode.ER_RANGE_NOT_INCREASING_ERROR.error();
        }
    }

    private void checkDistinct() {
        List<Object[]> all = new ArrayList<>();
        for (List<Object[]> l : lists) {
            for (Object[] t : l) {
                for (Object[] o : all) if (equalTuple(o, t)) throw ErrorCode.ER_MULTIPLE_DEF_CONST_IN_LIST_PART_ERROR.error();
                all.add(t);
            }
        }
    }

    /** Every unique key, the primary key included, must cover all columns of the partitioning (1503). */
    private void checkKeys() {
        List<Integer> used = usedColumns();
        for (IndexDef ix : table.indexes()) {
            if (!ix.unique()) continue;
            Set<Integer> covered = new HashSet<>();
            for (IndexPart p : ix.parts()) if (p.prefixLength() <= 0) covered.add(p.column());
            if (!covered.containsAll(used)) {
                throw ErrorCode.ER_UNIQUE_KEY_NEED_ALL_FIELDS_IN_PF.error(ix.primary() ? "PRIMARY KEY" : "UNIQUE INDEX");
            }
        }
    }

    /**
     * Whether the partition number never decreases as the one column read grows: RANGE over the
     * column itself or YEAR / TO_DAYS / TO_SECONDS / UNIX_TIMESTAMP of it (MySQL prunes ranges for those).
     */
    public boolean monotonic() {
        if (spec.kind() != PartitionSpec.Kind.RANGE) return false;
        if (columns != null) return columns.length == 1;
        List<Integer> used = usedColumns();
        if (used.size() != 1) return false;
        String col = table.columns().get(used.getFirst()).name();
        String e = ExpressionText.normalize(spec.expressionText()).replace("`", "").replace(" ", "");
        return e.equalsIgnoreCase(col) || e.toUpperCase(Locale.ROOT).matches("(YEAR|TO_DAYS|TO_SECONDS|UNIX_TIMESTAMP)\\("
                + java.util.regex.Pattern.quote(col.toUpperCase(Locale.ROOT)) + "\\)");
    }

    /** The table columns the partitioning reads. */
    public List<Integer> usedColumns() {
        List<Integer> out = new ArrayList<>();
        if (columns != null) {
            for (int c : columns) out.add(c);
            return out;
        }
        var lexer = new dev.basalt.sql.parser.Lexer(spec.expressionText(), dev.basalt.sql.parser.ParserOptions.DEFAULT);
        var t = lexer.next();
        while (t.type != dev.basalt.sql.parser.TokenType.EOF) {
            var next = lexer.next();
            boolean name = t.type == dev.basalt.sql.parser.TokenType.IDENT || t.type == dev.basalt.sql.parser.TokenType.QUOTED_IDENT;
            int c = name && next.type != dev.basalt.sql.parser.TokenType.LPAREN ? table.columnIndex(t.value()) : -1;
            if (c >= 0 && !out.contains(c)) out.add(c);
            t = next;
        }
        return out;
    }

    // ---- information_schema.PARTITIONS --------------------------------------------------------

    /** PARTITION_METHOD: RANGE, LIST, HASH, LINEAR HASH, KEY, LINEAR KEY, RANGE COLUMNS, LIST COLUMNS. */
    public String method() {
        return (spec.linear() ? "LINEAR " : "") + spec.kind().name() + (spec.columnsForm() ? " COLUMNS" : "");
    }

    /** PARTITION_EXPRESSION: the expression, or the column list in backquotes. */
    public String expressionDisplay() {
        if (expression != null) {
            return ExpressionText.normalize(lowerCaseFunctions(ExpressionText.display(spec.expressionText(), table)));
        }
        return columnList(true);
    }

    /** PARTITION_DESCRIPTION: the LESS THAN bound or the IN list; null for HASH and KEY. */
    public String description(int partition) {
        if (!bounds.isEmpty()) {
            Object[] t = bounds.get(partition);
            return columns == null && t[0] == MAXVALUE ? "MAXVALUE" : tuple(t);
        }
        if (lists.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (Object[] t : lists.get(partition)) {
            if (!b.isEmpty()) b.append(',');
            boolean paren = columns != null && columns.length > 1;
            b.append(paren ? "(" : "").append(tuple(t)).append(paren ? ")" : "");
        }
        return b.toString();
    }

    public String comment(int partition) {
        return comments.get(partition) == null ? "" : comments.get(partition);
    }

    // ---- text ---------------------------------------------------------------------------------

    /** The MySQL version comment SHOW CREATE TABLE wraps the clause in. */
    public static String versionComment(String text) {
        return text.contains(" COLUMNS(") ? "/*!50500 " : "/*!50100 ";
    }

    /** The clause as MySQL 8's SHOW CREATE TABLE prints it (inside {@code /*!50100 ... *}{@code /}). */
    public String text() {
        StringBuilder b = new StringBuilder("PARTITION BY ");
        if (spec.linear()) b.append("LINEAR ");
        b.append(spec.kind().name());
        if (expression != null) {
            b.append(' ').append(lowerCaseFunctions(ExpressionText.display(spec.expressionText(), table)));
        } else if (spec.columnsForm()) {
            b.append("  COLUMNS(").append(columnList(false)).append(')');
        } else {
            b.append(" (").append(columnList(true)).append(')');
        }
        if (spec.partitions().isEmpty()) {
            b.append("\nPARTITIONS ").append(names.size());
            return b.toString();
        }
        b.append("\n(");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(",\n ");
            b.append("PARTITION ").append(quoteName(names.get(i)));
            if (!bounds.isEmpty()) {
                Object[] t = bounds.get(i);
                if (columns == null && t[0] == MAXVALUE) b.append(" VALUES LESS THAN MAXVALUE");
                else b.append(" VALUES LESS THAN (").append(tuple(t)).append(')');
            } else if (!lists.isEmpty()) {
                b.append(" VALUES IN (");
                List<Object[]> l = lists.get(i);
                for (int j = 0; j < l.size(); j++) {
                    if (j > 0) b.append(',');
                    boolean paren = columns != null && columns.length > 1;
                    b.append(paren ? "(" : "").append(tuple(l.get(j))).append(paren ? ")" : "");
                }
                b.append(')');
            }
            if (comments.get(i) != null) b.append(" COMMENT = ").append(quote(comments.get(i)));
            b.append(" ENGINE = ").append(table.options().engine());
        }
        return b.append(')').toString();
    }

    /** MySQL prints function names of a partitioning expression in lower case ({@code year(`d`)}). */
    private static String lowerCaseFunctions(String sql) {
        StringBuilder out = new StringBuilder();
        var lexer = new dev.basalt.sql.parser.Lexer(sql, dev.basalt.sql.parser.ParserOptions.DEFAULT);
        int copied = 0;
        var t = lexer.next();
        while (t.type != dev.basalt.sql.parser.TokenType.EOF) {
            var next = lexer.next();
            boolean word = t.type == dev.basalt.sql.parser.TokenType.IDENT || t.keyword != null;
            if (word && next.type == dev.basalt.sql.parser.TokenType.LPAREN) {
                out.append(sql, copied, t.start).append(sql.substring(t.start, t.end).toLowerCase(Locale.ROOT));
                copied = t.end;
            }
            t = next;
        }
        return out.append(sql.substring(copied)).toString();
    }

    private String columnList(boolean quoted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) b.append(',');
            String n = table.columns().get(columns[i]).name();
            b.append(quoted ? "`" + n.replace("`", "``") + "`" : n);
        }
        // KEY () stays empty: it follows the primary key
        return spec.kind() == PartitionSpec.Kind.KEY && spec.columns().isEmpty() ? "" : b.toString();
    }

    private String tuple(Object[] t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length; i++) {
            if (i > 0) b.append(',');
            Object v = t[i];
            if (v == MAXVALUE) b.append("MAXVALUE");
            else if (v == null) b.append("NULL");
            else if (keyType(i).kind().isNumeric()) b.append(ValueText.toText(v, keyType(i)));
            else b.append(quote(ValueText.toText(v, keyType(i))));
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** MySQL prints partition names bare unless they need quoting. */
    private static String quoteName(String n) {
        return n.matches("[A-Za-z_][A-Za-z0-9_$]*") ? n : "`" + n.replace("`", "``") + "`";
    }
}
