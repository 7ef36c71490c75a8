package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.BinaryOp;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.IntervalUnit;
import dev.basalt.engine.expr.NumberKind;
import dev.basalt.engine.expr.TrimMode;
import dev.basalt.engine.expr.TruthValue;
import dev.basalt.engine.expr.UnaryOp;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds AST expressions to executable {@link Expr} trees: resolves column names in a
 * {@link Scope} (and enclosing scopes, for correlated subqueries), types literals, plans
 * subqueries. In a grouped query a {@link Grouping} maps group-by expressions and aggregate calls
 * to columns of the aggregation's output.
 */
public final class ExprBinder {

    /** Maps expressions of a grouped query onto the aggregation output row. */
    public interface Grouping {
        /** A replacement for a GROUP BY expression or an aggregate call, or null. */
        Expr match(Expression ast, ExprBinder fromBinder);

        /** A plain column of the FROM scope used outside an aggregate. */
        Expr column(int fromIndex, PlanColumn column);
    }

    /** Plans subqueries for the binder (implemented by the query planner). */
    public interface SubqueryPlanner {
        PlannedQuery plan(Query query, Scope outer);

        /** The session the statement runs for, or null: user variables take the type of their value there. */
        default dev.basalt.engine.expr.EvalContext session() { return null; }

        /** The statement's context (catalog, transaction, tables), or null outside a query: MATCH needs it. */
        default QueryContext context() { return null; }
    }

    private final Scope scope;
    private final SubqueryPlanner planner;
    private final String database;
    private final String clause;
    private final Grouping grouping;

    public ExprBinder(Scope scope, SubqueryPlanner planner, String database, String clause, Grouping grouping) {
        this.scope = scope;
        this.planner = planner;
        this.database = database;
        this.clause = clause;
        this.grouping = grouping;
    }

    public ExprBinder(Scope scope, SubqueryPlanner planner, String database, String clause) {
        this(scope, planner, database, clause, null);
    }

    public ExprBinder withClause(String newClause) {
        return new ExprBinder(scope, planner, database, newClause, grouping).withDefaultsOf(defaultTable);
    }

    public ExprBinder withGrouping(Grouping g) {
        return new ExprBinder(scope, planner, database, clause, g).withDefaultsOf(defaultTable);
    }

    /** The table an INSERT writes: {@code DEFAULT(col)} in its VALUES names that table's columns. */
    private dev.basalt.engine.catalog.TableDef defaultTable;

    public ExprBinder withDefaultsOf(dev.basalt.engine.catalog.TableDef table) {
        this.defaultTable = table;
        return this;
    }

    public Scope scope() { return scope; }

    /** Whether columns bind to an aggregation's output row rather than to the scope's row. */
    boolean grouped() { return grouping != null; }

    public String clause() { return clause; }

    public List<Expr> bindAll(List<Expression> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (Expression e : list) out.add(bind(e));
        return out;
    }

    public Expr bind(Expression e) {
        if (grouping != null) {
            // aggregate arguments are evaluated on the block's input rows, so a subquery inside one
            // must read its outer references from the input row, not from the aggregation output
            Grouping scopeGrouping = scope.grouping();
            scope.setGrouping(null);
            Expr m;
            try {
                m = grouping.match(e, new ExprBinder(scope, planner, database, clause, null));
            } finally {
                scope.setGrouping(scopeGrouping);
            }
            if (m != null) return m;
        }
        return switch (e) {
            case NumberLiteral n -> Exprs.numberLiteral(n.text(), numberKind(n.kind()));
            case StringLiteral s -> stringLiteral(s);
            case HexLiteral h -> Exprs.hexLiteral(h.toBytes());
            case BitLiteral b -> Exprs.bitLiteral(b.toBytes());
            case BooleanLiteral b -> Exprs.booleanLiteral(b.value());
            case NullLiteral n -> Exprs.nullLiteral();
            case TemporalLiteral t -> Exprs.temporalLiteral(switch (t.kind()) {
                case DATE -> TypeKind.DATE;
                case TIME -> TypeKind.TIME;
                case TIMESTAMP -> TypeKind.DATETIME;
            }, t.value());
            case Parameter p -> BoundParameters.bind(p.index());
            case ColumnRef c -> column(c);
            // MySQL types a user variable by the value it holds when the statement starts
            case UserVariable v -> planner != null && planner.session() != null
                    ? Exprs.userVariable(v.name(), planner.session()) : Exprs.userVariable(v.name());
            case SystemVariable v -> {
                // @@session.x of a global-only variable: 1238 when the statement is prepared, as MySQL
                if (v.scope() == VariableScope.SESSION && planner != null && planner.session() != null) {
                    planner.session().requireSessionScope(v.name());
                }
                yield Exprs.systemVariable(v.name(), v.scope() == VariableScope.GLOBAL);
            }
            case AssignUserVariable a -> Exprs.assignUserVariable(a.name(), bind(a.value()));
            case DefaultExpr d when d.column() != null -> defaultOf(d.column());
            case DefaultExpr d -> throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "DEFAULT() here");
            case ValuesRef v -> throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "VALUES() outside ON DUPLICATE KEY UPDATE");
            case dev.basalt.sql.ast.UnaryOp u -> unary(u);
            case dev.basalt.sql.ast.BinaryOp b -> binary(b);
            case IsTest t -> switch (t.kind()) {
                case NULL -> Exprs.isNull(bind(t.operand()), t.negated());
                case TRUE -> Exprs.isTruth(bind(t.operand()), TruthValue.TRUE, t.negated());
                case FALSE -> Exprs.isTruth(bind(t.operand()), TruthValue.FALSE, t.negated());
                case UNKNOWN -> Exprs.isTruth(bind(t.operand()), TruthValue.UNKNOWN, t.negated());
            };
            case Like l -> Exprs.like(bind(l.operand()), bind(l.pattern()), l.escape() == null ? null : bind(l.escape()), l.negated());
            case Regexp r -> Exprs.regexp(bind(r.operand()), bind(r.pattern()), r.negated());
            case Between b -> Exprs.between(bind(b.operand()), bind(b.low()), bind(b.high()), b.negated());
            case InList in -> inList(in);
            case InSubquery in -> inSubquery(in);
            case Exists ex -> {
                java.util.function.Supplier<Expr> perRow = () -> new SubqueryExprs.Exists(runner(ex.query()), false);
                Expr semi = SemiJoinRewrite.rewrite(planner, scope, database, ex.query(), null, false, perRow);
                yield semi != null ? semi : perRow.get();
            }
            case ScalarSubquery sq -> scalarSubquery(sq);
            case QuantifiedComparison q -> quantified(q);
            case RowConstructor r -> {
                if (r.items().size() == 1) yield bind(r.items().get(0));
                throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, 1);
            }
            case Case c -> caseExpr(c);
            case Cast c -> switch (c.type().kind()) {
                // PostgreSQL's ::smallint / ::integer: CAST AS SIGNED, then that type's range
                case INT2, INT4 -> {
                    Expr operand = bind(c.operand());
                    yield PostgresIntegerCast.bind(operand, Exprs.cast(operand, SqlType.BIGINT), castType(c.type()));
                }
                // PostgreSQL's CAST(x AS timestamptz): a DATETIME(6) typed as TIMESTAMP (the port's timestamptz)
                case TIMESTAMPTZ -> Exprs.function("PG_TIMESTAMPTZ", List.of(Exprs.cast(bind(c.operand()), castType(c.type()))), null);
                // PostgreSQL's ::uuid: canonical UUID text or an error, typed as the logical type UUID
                case UUID -> UuidCast.bind(bind(c.operand()));
                default -> Exprs.cast(bind(c.operand()), castType(c.type()));
            };
            case ConvertUsing c -> Exprs.convertUsing(bind(c.operand()), c.charset());
            case Collate c -> Exprs.collate(bind(c.operand()), collation(c.collation()));
            case IntervalExpr i -> throw new SqlException(ErrorCode.ER_PARSE_ERROR,
                    "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'INTERVAL' at line 1");
            case Extract x -> Exprs.extract(unit(x.unit()), bind(x.source()));
            case TimestampFunction f -> f.diff()
                    ? Exprs.timestampDiff(unit(f.unit()), bind(f.first()), bind(f.second()))
                    : Exprs.timestampAdd(unit(f.unit()), bind(f.first()), bind(f.second()));
            case Trim t -> Exprs.trim(switch (t.mode()) {
                case BOTH -> TrimMode.BOTH;
                case LEADING -> TrimMode.LEADING;
                case TRAILING -> TrimMode.TRAILING;
            }, t.remove() == null ? null : bind(t.remove()), bind(t.source()));
            case FunctionCall f -> function(f);
            case AggregateCall a -> throw new SqlException(ErrorCode.ER_INVALID_GROUP_FUNC_USE);
            // window functions reach here only where none may be (WHERE, GROUP BY, HAVING, ...):
            // where they may, the block's WindowPlanner (its grouping) matched them first
            case dev.basalt.sql.ast.WindowFunction w -> throw WindowErrors.invalidUse(WindowPlanner.functionName(w));
        };
    }

    // ---- pieces ------------------------------------------------------------------------------

    private static NumberKind numberKind(dev.basalt.sql.ast.NumberKind k) {
        return switch (k) {
            case INTEGER -> NumberKind.INTEGER;
            case DECIMAL -> NumberKind.DECIMAL;
            case APPROX -> NumberKind.APPROXIMATE;
        };
    }

    private Expr stringLiteral(StringLiteral s) {
        if (s.charset() != null) {
            String cs = s.charset().toLowerCase(java.util.Locale.ROOT);
            if (cs.equals("binary")) {
                byte[] b = dev.basalt.engine.types.SqlText.toBytes(s.value());
                return Exprs.literal(b, SqlType.of(TypeKind.VARBINARY, b.length));
            }
        }
        return Exprs.stringLiteral(s.value());
    }

    private Expr column(ColumnRef c) {
        Expr programName = ProgramNames.resolve(c); // a stored program's variable or NEW/OLD column
        if (programName != null) return programName;
        int depth = 0;
        for (Scope s = scope; s != null; s = s.outer(), depth++) {
            int i = s.find(c.schema(), c.table(), c.column(), clause);
            if (i < 0) continue;
            PlanColumn pc = s.columns().get(i);
            if (depth == 0) {
                if (grouping != null) return grouping.column(i, pc);
                return Exprs.column(i, pc.type(), pc.nullable(), pc.name());
            }
            s.markCorrelated();
            if (s.grouping() != null) {
                // the enclosing block evaluates this subquery on its aggregation output row
                Expr slot = s.grouping().column(i, pc);
                if (slot instanceof dev.basalt.engine.expr.ColumnRef ref) {
                    return new OuterRef(s.currentRow(), ref.index(), ref.type(), ref.nullable(), pc.name(), OuterRef.source(pc));
                }
            }
            return new OuterRef(s.currentRow(), i, pc.type(), pc.nullable(), pc.name(), OuterRef.source(pc));
        }
        if (c.table() != null) {
            String q = c.schema() != null ? c.schema() + "." + c.table() + "." + c.column() : c.table() + "." + c.column();
            throw new SqlException(ErrorCode.ER_BAD_FIELD, q, clause);
        }
        throw new SqlException(ErrorCode.ER_BAD_FIELD, c.column(), clause);
    }

    /**
     * {@code DEFAULT(col)}: the column resolves as a column reference would (also to an outer query),
     * or, in an INSERT's VALUES, to the table written; its default comes from that table's definition.
     */
    private Expr defaultOf(ColumnRef c) {
        for (Scope s = scope; s != null; s = s.outer()) {
            int i = s.find(c.schema(), c.table(), c.column(), clause);
            if (i < 0) continue;
            dev.basalt.engine.api.ColumnInfo info = s.columns().get(i).info();
            QueryContext qc = planner == null ? null : planner.context();
            dev.basalt.engine.catalog.TableDef def = qc == null || info.orgTable() == null || info.orgTable().isEmpty() ? null
                    : qc.catalog().table(info.schema(), info.orgTable()).orElse(null);
            int at = def == null ? -1 : def.columnIndex(info.orgName());
            if (at < 0) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "DEFAULT() of a column that is not a base table's");
            return dev.basalt.engine.constraint.DefaultOfColumn.of(def.columns().get(at));
        }
        dev.basalt.engine.catalog.TableDef t = defaultTable;
        if (t != null && (c.table() == null || c.table().equalsIgnoreCase(t.name()))
                && (c.schema() == null || c.schema().equalsIgnoreCase(t.database())) && t.columnIndex(c.column()) >= 0) {
            return dev.basalt.engine.constraint.DefaultOfColumn.of(t.columns().get(t.columnIndex(c.column())));
        }
        return column(c); // the column's own error (1054)
    }

    private Expr unary(dev.basalt.sql.ast.UnaryOp u) {
        if (u.operator() == UnaryOperator.NEGATE && u.operand() instanceof NumberLiteral n) {
            // fold "-5" into a literal so -9223372036854775808 stays BIGINT
            return Exprs.unary(UnaryOp.NEGATE, Exprs.numberLiteral(n.text(), numberKind(n.kind())));
        }
        Expr operand = bind(u.operand());
        return Exprs.unary(switch (u.operator()) {
            case NEGATE -> UnaryOp.NEGATE;
            case BIT_NOT -> UnaryOp.BIT_NOT;
            case NOT -> UnaryOp.NOT;
        }, operand);
    }

    private Expr binary(dev.basalt.sql.ast.BinaryOp b) {
        if (b.right() instanceof IntervalExpr iv
                && (b.operator() == BinaryOperator.ADD || b.operator() == BinaryOperator.SUBTRACT)) {
            return Exprs.dateAdd(bind(b.left()), bind(iv.value()), unit(iv.unit()), b.operator() == BinaryOperator.SUBTRACT);
        }
        if (b.left() instanceof IntervalExpr iv && b.operator() == BinaryOperator.ADD) {
            return Exprs.dateAdd(bind(b.right()), bind(iv.value()), unit(iv.unit()), false);
        }
        if (b.operator().isComparison() && b.left() instanceof RowConstructor l && l.items().size() > 1) {
            if (b.right() instanceof RowConstructor r) {
                if (r.items().size() != l.items().size()) throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, l.items().size());
                return new SubqueryExprs.RowValues(bindAll(l.items()), bindAll(r.items()), compareOp(b.operator()));
            }
            if (b.right() instanceof ScalarSubquery sq) {
                PlannedQuery p = planner.plan(sq.query(), scope);
                if (p.columns().size() != l.items().size()) throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, l.items().size());
                return new SubqueryExprs.RowCompare(bindAll(l.items()), new SubqueryRunner(p.root(), scope.currentRow(), p.correlated()),
                        columnTypes(p), compareOp(b.operator()));
            }
            throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, l.items().size());
        }
        Expr left = bind(b.left());
        Expr right = bind(b.right());
        if (planner != null && planner.session() != null && planner.session().postgresOperators()) {
            Expr pg = switch (b.operator()) {
                case DIVIDE -> PostgresIntegerDivision.bind(left, right);
                case MOD -> PostgresIntegerDivision.bindModulo(left, right);
                default -> PostgresDateArithmetic.bind(b.operator(), left, right);
            };
            if (pg != null) return pg;
        }
        if (arithmetic(b.operator())) {
            if (EnumNumber.applies(left)) left = new EnumNumber(left);
            if (EnumNumber.applies(right)) right = new EnumNumber(right);
        }
        return Exprs.binary(op(b.operator()), left, right);
    }

    /** (a, b) = (1, 2) as a = 1 AND b = 2 (only = and <> expand this simply). */
    private Expr rowComparison(BinaryOperator op, List<Expression> l, List<Expression> r) {
        if (op != BinaryOperator.EQ && op != BinaryOperator.NE && op != BinaryOperator.NULL_SAFE_EQ) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "row comparison with " + op.symbol());
        }
        BinaryOperator each = op == BinaryOperator.NE ? BinaryOperator.EQ : op;
        Expr acc = null;
        for (int i = 0; i < l.size(); i++) {
            Expr c = Exprs.binary(op(each), bind(l.get(i)), bind(r.get(i)));
            acc = acc == null ? c : Exprs.binary(BinaryOp.AND, acc, c);
        }
        return op == BinaryOperator.NE ? Exprs.unary(UnaryOp.NOT, acc) : acc;
    }

    /** Operators that read their operands as numbers (ENUM/SET operands become positions/bitmasks). */
    private static boolean arithmetic(BinaryOperator o) {
        return switch (o) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, INT_DIVIDE, MOD, BIT_OR, BIT_AND, BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT -> true;
            default -> false;
        };
    }

    static BinaryOp op(BinaryOperator o) {
        return switch (o) {
            case OR -> BinaryOp.OR;
            case XOR -> BinaryOp.XOR;
            case AND -> BinaryOp.AND;
            case EQ -> BinaryOp.EQ;
            case NULL_SAFE_EQ -> BinaryOp.NULL_SAFE_EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            case BIT_OR -> BinaryOp.BIT_OR;
            case BIT_AND -> BinaryOp.BIT_AND;
            case BIT_XOR -> BinaryOp.BIT_XOR;
            case SHIFT_LEFT -> BinaryOp.SHIFT_LEFT;
            case SHIFT_RIGHT -> BinaryOp.SHIFT_RIGHT;
            case ADD -> BinaryOp.ADD;
            case SUBTRACT -> BinaryOp.SUBTRACT;
            case MULTIPLY -> BinaryOp.MULTIPLY;
            case DIVIDE -> BinaryOp.DIVIDE;
            case INT_DIVIDE -> BinaryOp.INT_DIVIDE;
            case MOD -> BinaryOp.MOD;
        };
    }

    static CompareOp compareOp(BinaryOperator o) {
        return switch (o) {
            case EQ -> CompareOp.EQ;
            case NULL_SAFE_EQ -> CompareOp.NULL_SAFE_EQ;
            case NE -> CompareOp.NE;
            case LT -> CompareOp.LT;
            case LE -> CompareOp.LE;
            case GT -> CompareOp.GT;
            case GE -> CompareOp.GE;
            default -> throw new IllegalArgumentException(o.name());
        };
    }

    private Expr inList(InList in) {
        if (in.operand() instanceof RowConstructor row && row.items().size() > 1) {
            // (a, b) IN ((1, 2), (3, 4)) -> OR of row equalities
            Expr acc = null;
            for (Expression v : in.values()) {
                if (!(v instanceof RowConstructor rv) || rv.items().size() != row.items().size()) {
                    throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, row.items().size());
                }
                Expr eq = rowComparison(BinaryOperator.EQ, row.items(), rv.items());
                acc = acc == null ? eq : Exprs.binary(BinaryOp.OR, acc, eq);
            }
            return in.negated() ? Exprs.unary(UnaryOp.NOT, acc) : acc;
        }
        return Exprs.in(bind(in.operand()), bindAll(in.values()), in.negated());
    }

    private SubqueryRunner runner(Query q) {
        PlannedQuery p = planner.plan(q, scope);
        return new SubqueryRunner(p.root(), scope.currentRow(), p.correlated());
    }

    private PlannedQuery planOneColumn(Query q) {
        PlannedQuery p = planner.plan(q, scope);
        if (p.columns().size() != 1) throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, 1);
        return p;
    }

    private Expr scalarSubquery(ScalarSubquery sq) {
        PlannedQuery p = planOneColumn(sq.query());
        PlanColumn c = p.columns().get(0);
        return new SubqueryExprs.Scalar(new SubqueryRunner(p.root(), scope.currentRow(), p.correlated()), c.type());
    }

    private static List<dev.basalt.engine.types.SqlType> columnTypes(PlannedQuery p) {
        List<dev.basalt.engine.types.SqlType> t = new ArrayList<>();
        for (PlanColumn c : p.columns()) t.add(c.type());
        return t;
    }

    /** MySQL 8 refuses LIMIT in IN/ALL/ANY/SOME subqueries (1235). */
    private static void checkNoLimit(Query q) {
        boolean limited = switch (q) {
            case Select s -> s.limit() != null;
            case SetOperation op -> op.limit() != null;
            case WithQuery w -> false;
        };
        if (limited) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "LIMIT & IN/ALL/ANY/SOME subquery");
    }

    private Expr inSubquery(InSubquery in) {
        checkNoLimit(in.query());
        if (in.operand() instanceof RowConstructor row && row.items().size() > 1) {
            PlannedQuery p = planner.plan(in.query(), scope);
            if (p.columns().size() != row.items().size()) throw new SqlException(ErrorCode.ER_OPERAND_COLUMNS, row.items().size());
            return new SubqueryExprs.RowIn(bindAll(row.items()), new SubqueryRunner(p.root(), scope.currentRow(), p.correlated()),
                    columnTypes(p), in.negated());
        }
        Expr operand = bind(in.operand());
        java.util.function.Supplier<Expr> perRow = () -> {
            PlannedQuery p = planOneColumn(in.query());
            return new SubqueryExprs.In(operand, new SubqueryRunner(p.root(), scope.currentRow(), p.correlated()),
                    p.columns().get(0).type(), in.negated());
        };
        Expr semi = SemiJoinRewrite.rewrite(planner, scope, database, in.query(), operand, in.negated(), perRow);
        return semi != null ? semi : perRow.get();
    }

    private Expr quantified(QuantifiedComparison q) {
        checkNoLimit(q.query());
        Expr operand = bind(q.left());
        PlannedQuery p = planOneColumn(q.query());
        SubqueryRunner r = new SubqueryRunner(p.root(), scope.currentRow(), p.correlated());
        return new SubqueryExprs.Quantified(operand, compareOp(q.operator()),
                q.quantifier() == QuantifiedComparison.Quantifier.ALL, r, p.columns().get(0).type());
    }

    private Expr caseExpr(Case c) {
        Expr operand = c.operand() == null ? null : bind(c.operand());
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        for (WhenClause w : c.whens()) {
            whens.add(bind(w.condition()));
            thens.add(bind(w.result()));
        }
        return Exprs.caseWhen(operand, whens, thens, c.elseResult() == null ? null : bind(c.elseResult()));
    }

    private Expr function(FunctionCall f) {
        String name = f.name();
        List<Expression> args = f.args();
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        if (name.equals(FunctionCall.MATCH_AGAINST)) {
            return FulltextBinding.bind(this, planner == null ? null : planner.context(), f);
        }
        if (args.size() == 2 && args.get(1) instanceof IntervalExpr iv) {
            switch (upper) {
                case "DATE_ADD", "ADDDATE" -> { return Exprs.dateAdd(bind(args.get(0)), bind(iv.value()), unit(iv.unit()), false); }
                case "DATE_SUB", "SUBDATE" -> { return Exprs.dateAdd(bind(args.get(0)), bind(iv.value()), unit(iv.unit()), true); }
                default -> { }
            }
        }
        if (upper.equals("PG_TYPEOF") && args.size() == 1) {
            // named from the statement's tree, by PostgreSQL's typing rules (sum(int) is bigint...)
            Expr arg = bind(args.getFirst());
            return dev.basalt.engine.function.PgTypeInference.call(arg,
                    dev.basalt.engine.function.PgTypeInference.name(args.getFirst(), arg, this::bind, this::bindUngrouped));
        }
        if (!dev.basalt.engine.function.Functions.exists(name)) {
            Expr stored = ProgramNames.function(null, name, bindAll(args));
            if (stored != null) return stored;
        }
        return Exprs.function(name, bindAll(args), database);
    }

    /** Binds an aggregate's argument (over the block's input rows), as the grouping itself does. */
    private Expr bindUngrouped(Expression e) {
        Grouping scopeGrouping = scope.grouping();
        scope.setGrouping(null);
        try {
            return withGrouping(null).bind(e);
        } finally {
            scope.setGrouping(scopeGrouping);
        }
    }

    static IntervalUnit unit(dev.basalt.sql.ast.IntervalUnit u) {
        return IntervalUnit.valueOf(u.name());
    }

    static Collation collation(String name) {
        return Collation.forName(name);
    }

    /** The SqlType a CAST target denotes. */
    static SqlType castType(CastType t) {
        return switch (t.kind()) {
            case SIGNED -> SqlType.BIGINT;
            case UNSIGNED -> SqlType.BIGINT_UNSIGNED;
            case DECIMAL -> SqlType.decimal(t.length() == null ? 10 : t.length(), t.scale() == null ? 0 : t.scale());
            // no length: as wide as the operand (Cast sizes a VARCHAR of length 0), as MySQL's CAST AS CHAR
            case CHAR -> t.length() == null ? SqlType.of(TypeKind.VARCHAR) : SqlType.varchar(t.length());
            case TEXT -> SqlType.LONGTEXT;
            // no length: as wide in bytes as the operand (Cast sizes a VARBINARY of length 0), as MySQL's CAST AS BINARY
            case BINARY -> t.length() == null ? SqlType.of(TypeKind.VARBINARY) : SqlType.of(TypeKind.BINARY, t.length()); // BINARY(n) pads
            case DATE -> SqlType.DATE;
            case DATETIME -> SqlType.DATETIME.withScale(t.length() == null ? 0 : t.length());
            case TIME -> SqlType.TIME.withScale(t.length() == null ? 0 : t.length());
            case DOUBLE -> SqlType.DOUBLE;
            case FLOAT -> SqlType.of(TypeKind.FLOAT).withScale(-1);
            case JSON -> SqlType.of(TypeKind.JSON);
            case YEAR -> SqlType.of(TypeKind.YEAR, 4);
            case INT2 -> SqlType.of(TypeKind.SMALLINT, 6);
            case INT4 -> SqlType.INT;
            case TIMESTAMPTZ -> SqlType.DATETIME.withScale(6);
            case UUID -> SqlType.uuid();
            case JSONB -> SqlType.of(TypeKind.JSON).withLogical(dev.basalt.engine.types.LogicalType.BINARY_JSON);
        };
    }
}
