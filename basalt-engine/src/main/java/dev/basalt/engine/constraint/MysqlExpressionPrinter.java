package dev.basalt.engine.constraint;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.sql.ast.Between;
import dev.basalt.sql.ast.BinaryOp;
import dev.basalt.sql.ast.BinaryOperator;
import dev.basalt.sql.ast.BooleanLiteral;
import dev.basalt.sql.ast.Case;
import dev.basalt.sql.ast.Cast;
import dev.basalt.sql.ast.Collate;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Extract;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.HexLiteral;
import dev.basalt.sql.ast.InList;
import dev.basalt.sql.ast.IntervalExpr;
import dev.basalt.sql.ast.IsTest;
import dev.basalt.sql.ast.Like;
import dev.basalt.sql.ast.NullLiteral;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.Regexp;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.TemporalLiteral;
import dev.basalt.sql.ast.TimestampFunction;
import dev.basalt.sql.ast.Trim;
import dev.basalt.sql.ast.UnaryOp;
import dev.basalt.sql.ast.WhenClause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An expression as MySQL 8 prints a stored one (its Item::print), for SHOW CREATE TABLE's
 * {@code DEFAULT (...)}: every infix operation in its own parentheses ({@code (`a` * 2)}), function
 * names in lower case with synonyms under MySQL's own name ({@code CURRENT_DATE} is {@code curdate()}),
 * arguments joined by a bare comma, string literals with the connection's character set introducer
 * and backslash escapes ({@code _utf8mb4'it\'s'}), columns in backquotes. Real dumps show these forms
 * ({@code DEFAULT ((`quantity` * `unit_price`))}, {@code DEFAULT (concat(`username`,_utf8mb4'email'))},
 * {@code DEFAULT ((`d` + interval 1 day))}). The text parses back to the same expression.
 */
public final class MysqlExpressionPrinter {
    private MysqlExpressionPrinter() {}

    /** Thrown for a construct this printer does not know; the caller shows the stored text instead. */
    private static final class Unknown extends RuntimeException {
        Unknown() { super(null, null, false, false); }
    }

    /** MySQL's names for functions it prints under another spelling (Item_func::func_name). */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("CURRENT_DATE", "curdate"), Map.entry("CURDATE", "curdate"),
            Map.entry("CURRENT_TIME", "curtime"), Map.entry("CURTIME", "curtime"),
            Map.entry("CURRENT_TIMESTAMP", "now"), Map.entry("LOCALTIME", "now"), Map.entry("LOCALTIMESTAMP", "now"),
            Map.entry("SUBSTRING", "substr"), Map.entry("MID", "substr"),
            Map.entry("UCASE", "upper"), Map.entry("LCASE", "lower"),
            Map.entry("CHARACTER_LENGTH", "char_length"), Map.entry("POWER", "pow"),
            Map.entry("SCHEMA", "database"), Map.entry("SESSION_USER", "user"), Map.entry("SYSTEM_USER", "user"));

    /**
     * The text MySQL prints for {@code e} over {@code table}'s columns (named as defined there; as
     * written when {@code table} is null), or null for a construct not covered.
     */
    public static String print(Expression e, TableDef table) {
        try {
            StringBuilder b = new StringBuilder();
            new Run(table, b).expr(e);
            return b.toString();
        } catch (Unknown u) {
            return null;
        }
    }

    /**
     * SHOW CREATE TABLE's {@code DEFAULT (...)} text of a stored expression default: MySQL's print in
     * parentheses, or (for a construct not covered) the stored text as {@link ExpressionText} shows it.
     */
    public static String showCreate(String sql, TableDef table) {
        String printed = printStored(sql, table);
        return printed != null ? "(" + printed + ")" : ExpressionText.display(sql, table);
    }

    /** information_schema.COLUMNS.COLUMN_DEFAULT (and SHOW COLUMNS' Default) of a stored expression default. */
    public static String columnDefault(String sql, TableDef table) {
        String printed = printStored(sql, table);
        return printed != null ? informationSchema(printed) : sql;
    }

    private static String printStored(String sql, TableDef table) {
        try {
            return print(CheckEvaluator.parse(sql), table);
        } catch (RuntimeException e) {
            return null; // text that no longer parses is shown as stored
        }
    }

    /**
     * information_schema.COLUMNS.COLUMN_DEFAULT of an expression default as MySQL 8 shows it: the
     * printed text with its quotes and backslashes escaped once more ({@code _utf8mb4\'x\'}).
     */
    public static String informationSchema(String printed) {
        return printed.replace("\\", "\\\\").replace("'", "\\'");
    }

    private record Run(TableDef table, StringBuilder b) {

        void expr(Expression e) {
            switch (e) {
                case ColumnRef c -> {
                    if (c.table() != null || c.schema() != null) throw new Unknown();
                    int at = table == null ? -1 : table.columnIndex(c.column());
                    String name = at >= 0 ? table.columns().get(at).name() : c.column();
                    b.append('`').append(name.replace("`", "``")).append('`');
                }
                case NumberLiteral n -> b.append(n.text());
                case StringLiteral s -> string(s);
                case HexLiteral h -> {
                    if (h.charset() != null) b.append('_').append(h.charset().toLowerCase(Locale.ROOT));
                    b.append("0x").append(h.digits().toLowerCase(Locale.ROOT));
                }
                case BooleanLiteral t -> b.append(t.value() ? "true" : "false");
                case NullLiteral n -> b.append("NULL");
                case TemporalLiteral t -> b.append(t.kind().name()).append('\'').append(t.value()).append('\'');
                case UnaryOp u -> unary(u);
                case BinaryOp o -> binary(o);
                case IsTest t -> {
                    b.append('(');
                    expr(t.operand());
                    b.append(t.negated() ? " is not " : " is ").append(t.kind().name().toLowerCase(Locale.ROOT)).append(')');
                }
                case Like l -> {
                    if (l.escape() != null) throw new Unknown();
                    if (l.negated()) b.append("(not(");
                    b.append('(');
                    expr(l.operand());
                    b.append(" like ");
                    expr(l.pattern());
                    b.append(')');
                    if (l.negated()) b.append("))");
                }
                case Regexp r -> {
                    if (r.negated()) b.append("(not(");
                    call("regexp_like", List.of(r.operand(), r.pattern()));
                    if (r.negated()) b.append("))");
                }
                case Between x -> {
                    b.append('(');
                    expr(x.operand());
                    b.append(x.negated() ? " not between " : " between ");
                    expr(x.low());
                    b.append(" and ");
                    expr(x.high());
                    b.append(')');
                }
                case InList in -> {
                    b.append('(');
                    expr(in.operand());
                    b.append(in.negated() ? " not in (" : " in (");
                    list(in.values());
                    b.append("))");
                }
                case Case c -> {
                    b.append("(case ");
                    if (c.operand() != null) {
                        expr(c.operand());
                        b.append(' ');
                    }
                    for (WhenClause w : c.whens()) {
                        b.append("when ");
                        expr(w.condition());
                        b.append(" then ");
                        expr(w.result());
                        b.append(' ');
                    }
                    if (c.elseResult() != null) {
                        b.append("else ");
                        expr(c.elseResult());
                        b.append(' ');
                    }
                    b.append("end)");
                }
                case Cast c -> cast(c);
                case Collate c -> {
                    b.append('(');
                    expr(c.operand());
                    b.append(" collate ").append(c.collation().toLowerCase(Locale.ROOT)).append(')');
                }
                case Extract x -> {
                    b.append("extract(").append(x.unit().name().toLowerCase(Locale.ROOT)).append(" from ");
                    expr(x.source());
                    b.append(')');
                }
                case Trim t -> {
                    b.append("trim(");
                    if (t.remove() != null || t.mode() != Trim.Mode.BOTH) {
                        b.append(t.mode().name().toLowerCase(Locale.ROOT)).append(' ');
                        if (t.remove() != null) {
                            expr(t.remove());
                            b.append(' ');
                        }
                        b.append("from ");
                    }
                    expr(t.source());
                    b.append(')');
                }
                case TimestampFunction t -> {
                    if (t.diff()) { // timestampdiff(DAY,a,b): MySQL prints the unit in capitals
                        b.append("timestampdiff(").append(t.unit().name()).append(',');
                        expr(t.first());
                        b.append(',');
                        expr(t.second());
                        b.append(')');
                    } else { // TIMESTAMPADD(unit, n, d) is MySQL's (d + interval n unit)
                        b.append('(');
                        expr(t.second());
                        b.append(" + interval ");
                        expr(t.first());
                        b.append(' ').append(t.unit().name().toLowerCase(Locale.ROOT)).append(')');
                    }
                }
                case FunctionCall f -> function(f);
                default -> throw new Unknown();
            }
        }

        /** A string literal with its introducer (utf8mb4, the connection's, when none was written). */
        void string(StringLiteral s) {
            String cs = s.national() ? "utf8mb3" : s.charset() == null ? "utf8mb4" : s.charset().toLowerCase(Locale.ROOT);
            b.append('_').append(cs).append('\'');
            String v = s.value();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\'' -> b.append("\\'");
                    case '\0' -> b.append("\\0");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\032' -> b.append("\\Z");
                    default -> b.append(c);
                }
            }
            b.append('\'');
        }

        void unary(UnaryOp u) {
            switch (u.operator()) {
                case NEGATE -> {
                    if (u.operand() instanceof NumberLiteral n) {
                        b.append('-').append(n.text());
                    } else {
                        b.append("-(");
                        expr(u.operand());
                        b.append(')');
                    }
                }
                case BIT_NOT -> {
                    b.append("~(");
                    expr(u.operand());
                    b.append(')');
                }
                case NOT -> {
                    b.append("(not(");
                    expr(u.operand());
                    b.append("))");
                }
            }
        }

        void binary(BinaryOp o) {
            if (o.operator() == BinaryOperator.AND || o.operator() == BinaryOperator.OR) {
                // MySQL keeps a chain of AND (or OR) as one condition: (a and b and c)
                List<Expression> terms = new ArrayList<>();
                flatten(o, o.operator(), terms);
                b.append('(');
                for (int i = 0; i < terms.size(); i++) {
                    if (i > 0) b.append(o.operator() == BinaryOperator.AND ? " and " : " or ");
                    expr(terms.get(i));
                }
                b.append(')');
                return;
            }
            b.append('(');
            expr(o.left());
            b.append(' ').append(switch (o.operator()) {
                case XOR -> "xor";
                case INT_DIVIDE -> "div";
                default -> o.operator().symbol();
            }).append(' ');
            if (o.right() instanceof IntervalExpr iv) interval(iv);
            else expr(o.right());
            b.append(')');
        }

        void flatten(Expression e, BinaryOperator op, List<Expression> out) {
            if (e instanceof BinaryOp o && o.operator() == op) {
                flatten(o.left(), op, out);
                flatten(o.right(), op, out);
            } else {
                out.add(e);
            }
        }

        void interval(IntervalExpr iv) {
            b.append("interval ");
            expr(iv.value());
            b.append(' ').append(iv.unit().name().toLowerCase(Locale.ROOT));
        }

        void cast(Cast c) {
            var t = c.type();
            b.append("cast(");
            expr(c.operand());
            b.append(" as ");
            switch (t.kind()) {
                case SIGNED -> b.append("signed");
                case UNSIGNED -> b.append("unsigned");
                case DATE -> b.append("date");
                case DOUBLE -> b.append("double");
                case JSON -> b.append("json");
                case YEAR -> b.append("year");
                case DATETIME, TIME -> {
                    b.append(t.kind().name().toLowerCase(Locale.ROOT));
                    if (t.length() != null && t.length() > 0) b.append('(').append(t.length()).append(')');
                }
                case DECIMAL -> {
                    b.append("decimal(").append(t.length() == null ? 10 : t.length()).append(',')
                            .append(t.scale() == null ? 0 : t.scale()).append(')');
                }
                case CHAR, BINARY -> {
                    b.append("char");
                    if (t.length() != null) b.append('(').append(t.length()).append(')');
                    b.append(" charset ").append(t.kind() == dev.basalt.sql.ast.CastKind.BINARY ? "binary"
                            : t.charset() == null ? "utf8mb4" : t.charset().toLowerCase(Locale.ROOT));
                }
                default -> throw new Unknown();
            }
            b.append(')');
        }

        void function(FunctionCall f) {
            String upper = f.name().toUpperCase(Locale.ROOT);
            if (upper.equals(FunctionCall.MATCH_AGAINST)) throw new Unknown();
            // DATE_ADD(d, INTERVAL n u) is MySQL's (d + interval n u)
            if ((upper.equals("DATE_ADD") || upper.equals("DATE_SUB") || upper.equals("ADDDATE") || upper.equals("SUBDATE"))
                    && f.args().size() == 2 && f.args().get(1) instanceof IntervalExpr iv) {
                b.append('(');
                expr(f.args().get(0));
                b.append(upper.equals("DATE_ADD") || upper.equals("ADDDATE") ? " + " : " - ");
                interval(iv);
                b.append(')');
                return;
            }
            for (Expression a : f.args()) if (a instanceof IntervalExpr) throw new Unknown();
            call(NAMES.getOrDefault(upper, f.name().toLowerCase(Locale.ROOT)), f.args());
        }

        void call(String name, List<Expression> args) {
            b.append(name).append('(');
            list(args);
            b.append(')');
        }

        void list(List<Expression> items) {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) b.append(',');
                expr(items.get(i));
            }
        }
    }
}
