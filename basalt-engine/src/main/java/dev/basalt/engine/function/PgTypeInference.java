package dev.basalt.engine.function;

import dev.basalt.engine.expr.Expr;
import dev.basalt.sql.ast.AggregateCall;
import dev.basalt.sql.ast.BinaryOp;
import dev.basalt.sql.ast.BooleanLiteral;
import dev.basalt.sql.ast.Case;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.Trim;
import dev.basalt.sql.ast.UnaryOp;
import dev.basalt.sql.ast.UnaryOperator;
import dev.basalt.sql.ast.WhenClause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The PostgreSQL type of an expression as pg_typeof names it, where PostgreSQL's typing rules
 * differ from the engine's (MySQL's): integer arithmetic stays in the widest operand type
 * ({@code 1 + 1} is integer, not BIGINT), {@code sum(int)} is bigint and {@code avg} numeric,
 * string functions return text, {@code now()} is timestamp with time zone. It reads the statement's
 * expression tree, since the bound expression no longer knows which aggregate an output slot holds;
 * everything without a rule here is named from its bound type ({@link PgTypeOf#name(Expr)}). Only
 * the name changes: the value (and the type a result column announces) stays the engine's.
 */
public final class PgTypeInference {
    private PgTypeInference() {}

    private static final String SMALLINT = "smallint", INTEGER = "integer", BIGINT = "bigint", NUMERIC = "numeric",
            REAL = "real", DOUBLE = "double precision", TEXT = "text", UNKNOWN = "unknown";
    private static final List<String> INTEGERS = List.of(SMALLINT, INTEGER, BIGINT);
    private static final Set<String> INTEGER_RESULTS = Set.of("LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH",
            "OCTET_LENGTH", "BIT_LENGTH", "POSITION", "LOCATE", "INSTR", "STRPOS", "ASCII");
    private static final Set<String> TIMESTAMPTZ_RESULTS = Set.of("NOW", "CURRENT_TIMESTAMP", "TRANSACTION_TIMESTAMP",
            "STATEMENT_TIMESTAMP", "SYSDATE"); // SYSDATE(6): the PostgreSQL port's clock_timestamp()
    private static final Set<String> NAME_RESULTS = Set.of("CURRENT_USER", "SESSION_USER", "CURRENT_ROLE", "USER",
            "CURRENT_SCHEMA");
    private static final Set<String> COMMON_TYPE = Set.of("GREATEST", "LEAST", "COALESCE", "IFNULL");

    /**
     * @param bound      the argument as bound (named from its type where no rule applies)
     * @param bind       binds a sub-expression in the argument's context
     * @param ungrouped  binds an aggregate's argument (over the input rows, not the groups)
     */
    public static String name(Expression ast, Expr bound, Function<Expression, Expr> bind,
                              Function<Expression, Expr> ungrouped) {
        return new PgTypeInference.Walk(bind, ungrouped).of(ast, bound);
    }

    /** pg_typeof(arg) answering {@code typeName}, as {@link PgTypeOf}'s registration builds it. */
    public static Expr call(Expr boundArg, String typeName) {
        return new dev.basalt.engine.function.FunctionCall("PG_TYPEOF", List.of(boundArg),
                dev.basalt.engine.types.SqlType.varchar(64), false, true, (ctx, row, args) -> typeName);
    }

    private record Walk(Function<Expression, Expr> bind, Function<Expression, Expr> ungrouped) {

        String of(Expression ast, Expr bound) {
            String ruled = switch (ast) {
                case BooleanLiteral b -> "boolean";
                case AggregateCall a -> aggregate(a);
                case BinaryOp b -> arithmetic(b);
                case UnaryOp u when u.operator() == UnaryOperator.NEGATE -> numericOrNull(of(u.operand(), null));
                case Case c -> caseResult(c);
                case FunctionCall f -> function(f);
                default -> null;
            };
            if (ruled != null) return ruled;
            String named = PgTypeOf.name(bound != null ? bound : bind.apply(ast));
            // PostgreSQL's string functions return text; character varying is a column's (or cast's) type
            if ((ast instanceof FunctionCall || ast instanceof Trim) && named.equals("character varying")) return TEXT;
            return named;
        }

        private String aggregate(AggregateCall a) {
            String n = a.name().toUpperCase(Locale.ROOT);
            if (n.equals("COUNT")) return BIGINT;
            if (a.args().size() != 1) return null;
            Walk inner = new Walk(ungrouped, ungrouped);
            String arg = inner.of(a.args().getFirst(), null);
            return switch (n) {
                case "SUM" -> switch (arg) {
                    case SMALLINT, INTEGER -> BIGINT;
                    case BIGINT, NUMERIC -> NUMERIC;
                    case REAL, DOUBLE, "interval" -> arg;
                    default -> null;
                };
                case "AVG" -> switch (arg) {
                    case SMALLINT, INTEGER, BIGINT, NUMERIC -> NUMERIC;
                    case REAL, DOUBLE -> DOUBLE;
                    case "interval" -> arg;
                    default -> null;
                };
                // max(varchar) is max(text): PostgreSQL has no varchar variant
                case "MIN", "MAX" -> arg.equals("character varying") ? TEXT : arg;
                case "GROUP_CONCAT" -> TEXT;
                default -> null;
            };
        }

        private String arithmetic(BinaryOp b) {
            switch (b.operator()) {
                case ADD, SUBTRACT, MULTIPLY, MOD, DIVIDE -> { }
                default -> { return null; }
            }
            String l = of(b.left(), null), r = of(b.right(), null);
            // integer / integer: the bound quotient's type says it (PostgreSQL's integer division on the
            // PostgreSQL port, MySQL's exact one, a numeric, elsewhere)
            if (b.operator() == dev.basalt.sql.ast.BinaryOperator.DIVIDE && INTEGERS.contains(known(l, r))
                    && INTEGERS.contains(known(r, l))) {
                return null;
            }
            return combine(l, r);
        }

        private String caseResult(Case c) {
            List<Expression> results = new ArrayList<>();
            for (WhenClause w : c.whens()) results.add(w.result());
            if (c.elseResult() != null) results.add(c.elseResult());
            return common(results);
        }

        private String function(FunctionCall f) {
            String n = f.name().toUpperCase(Locale.ROOT);
            List<Expression> args = f.args();
            if (INTEGER_RESULTS.contains(n)) return INTEGER;
            if (NAME_RESULTS.contains(n) && args.isEmpty()) return "name";
            if (n.equals("PG_CURRENT_DATABASE")) return "name"; // the PostgreSQL port's current_database()
            // the PostgreSQL dialect's current_user / session_user: the user part of MySQL's CURRENT_USER()
            if (n.equals("SUBSTRING_INDEX") && !args.isEmpty() && args.getFirst() instanceof FunctionCall inner
                    && NAME_RESULTS.contains(inner.name().toUpperCase(Locale.ROOT))) {
                return "name";
            }
            if (TIMESTAMPTZ_RESULTS.contains(n)) return "timestamp with time zone";
            if (n.equals("UUID") && args.isEmpty()) return "uuid"; // the PostgreSQL port's gen_random_uuid()
            if (COMMON_TYPE.contains(n)) return common(args);
            // ARRAY['a', 'b']: string literals resolve to text, where the engine makes varchar elements
            if (n.equals("PG_ARRAY") && !args.isEmpty() && args.stream().allMatch(x -> of(x, null).equals(UNKNOWN))) {
                return "text[]";
            }
            if (n.equals("NULLIF") && args.size() == 2) return numericOrNull(of(args.getFirst(), null));
            if (n.equals("ABS") && args.size() == 1) return numericOrNull(of(args.getFirst(), null));
            if (n.equals("MOD") && args.size() == 2) return combine(of(args.get(0), null), of(args.get(1), null));
            if (Set.of("CEIL", "CEILING", "FLOOR", "ROUND", "TRUNC", "TRUNCATE").contains(n) && !args.isEmpty()) {
                String arg = of(args.getFirst(), null);
                return arg.equals(NUMERIC) ? NUMERIC : arg.equals(DOUBLE) || arg.equals(REAL) ? DOUBLE : null;
            }
            return null;
        }

        /** The common type of CASE results and COALESCE-like arguments, where it is a number or text. */
        private String common(List<Expression> items) {
            String acc = null;
            boolean allText = true;
            for (Expression e : items) {
                String t = of(e, null);
                allText &= t.equals(UNKNOWN) || t.equals(TEXT) || t.equals("character varying");
                acc = acc == null ? t : combine(acc, t);
                if (acc == null && !allText) return null;
            }
            if (allText) return items.isEmpty() ? null : TEXT;
            return numericOrNull(acc);
        }
    }

    /** A side written as a bare string literal takes the other side's type, as PostgreSQL resolves it. */
    private static String known(String side, String other) {
        return side.equals(UNKNOWN) ? other : side;
    }

    /** PostgreSQL's result type of arithmetic on two numbers, null when either is not one. */
    static String combine(String l, String r) {
        if (l == null || r == null) return null;
        l = known(l, r);
        r = known(r, l);
        if (INTEGERS.contains(l) && INTEGERS.contains(r)) return INTEGERS.get(Math.max(INTEGERS.indexOf(l), INTEGERS.indexOf(r)));
        boolean lNum = isNumber(l), rNum = isNumber(r);
        if (!lNum || !rNum) return null;
        if (l.equals(DOUBLE) || r.equals(DOUBLE)) return DOUBLE;
        // real stays real only with real: with an integer or numeric PostgreSQL computes in double precision
        if (l.equals(REAL) || r.equals(REAL)) return l.equals(r) ? REAL : DOUBLE;
        return NUMERIC;
    }

    private static boolean isNumber(String t) {
        return INTEGERS.contains(t) || t.equals(NUMERIC) || t.equals(REAL) || t.equals(DOUBLE);
    }

    private static String numericOrNull(String t) {
        return t != null && isNumber(t) ? t : null;
    }
}
