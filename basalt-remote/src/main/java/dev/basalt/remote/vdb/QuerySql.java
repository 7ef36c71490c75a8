package dev.basalt.remote.vdb;

import dev.basalt.engine.external.BlockQuery;
import dev.basalt.engine.external.BlockQuery.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT a pushed-down query block sends ({@link BlockQuery}): every table qualified with its
 * remote database (the block may join two virtual databases of one server) and aliased as in the
 * query, every operator application parenthesised, values as {@code ?} bound separately. The
 * planner only builds blocks whose meaning is the same in MySQL's dialect and MariaDB's.
 */
final class QuerySql {
    /** The statement text. */
    final String sql;
    /** For each {@code ?} of the text, in order, the index of the block parameter it binds. */
    final List<Integer> parameterOrder;

    private final StringBuilder sb = new StringBuilder();
    private final List<Integer> order = new ArrayList<>();
    private final BlockQuery q;

    private QuerySql(BlockQuery q) {
        this.q = q;
        render();
        this.sql = sb.toString();
        this.parameterOrder = List.copyOf(order);
    }

    static QuerySql of(BlockQuery q) { return new QuerySql(q); }

    /** The values to bind, in the order of the text's {@code ?}s. */
    List<Object> bind(List<Object> params) {
        List<Object> out = new ArrayList<>(parameterOrder.size());
        for (int i : parameterOrder) out.add(params.get(i));
        return out;
    }

    private void render() {
        sb.append(q.distinct() ? "SELECT DISTINCT " : "SELECT ");
        list(q.select());
        sb.append(" FROM ");
        for (int i = 0; i < q.from().size(); i++) {
            BlockQuery.Source s = q.from().get(i);
            if (i > 0) sb.append(", ");
            sb.append(s.db().quotedName()).append('.').append(ScanSql.quote(s.table()))
                    .append(" AS ").append(ScanSql.quote(s.alias()));
        }
        if (!q.where().isEmpty()) {
            sb.append(" WHERE ");
            for (int i = 0; i < q.where().size(); i++) {
                if (i > 0) sb.append(" AND ");
                node(q.where().get(i));
            }
        }
        if (!q.groupBy().isEmpty()) {
            sb.append(" GROUP BY ");
            list(q.groupBy());
        }
        if (q.having() != null) {
            sb.append(" HAVING ");
            node(q.having());
        }
        if (!q.orderBy().isEmpty()) {
            sb.append(" ORDER BY ");
            for (int i = 0; i < q.orderBy().size(); i++) {
                if (i > 0) sb.append(", ");
                node(q.orderBy().get(i).key());
                if (q.orderBy().get(i).descending()) sb.append(" DESC");
            }
        }
        if (q.limit() >= 0) {
            sb.append(" LIMIT ");
            if (q.offset() > 0) sb.append(q.offset()).append(", ");
            sb.append(q.limit());
        }
    }

    private void list(List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) sb.append(", ");
            node(nodes.get(i));
        }
    }

    private void node(Node n) {
        switch (n) {
            case BlockQuery.Column c -> sb.append(ScanSql.quote(q.from().get(c.source()).alias())).append('.')
                    .append(ScanSql.quote(c.name()));
            case BlockQuery.Param p -> {
                sb.append('?');
                order.add(p.index());
            }
            case BlockQuery.Aggregate a -> {
                sb.append(a.name()).append('(');
                if (a.arg() == null) {
                    sb.append('*');
                } else {
                    if (a.distinct()) sb.append("DISTINCT ");
                    node(a.arg());
                }
                sb.append(')');
            }
            case BlockQuery.Call c -> call(c);
        }
    }

    private void call(BlockQuery.Call c) {
        List<Node> a = c.args();
        sb.append('(');
        switch (c.op()) {
            case EQ -> infix(a, " = ");
            case NULL_SAFE_EQ -> infix(a, " <=> ");
            case NE -> infix(a, " <> ");
            case LT -> infix(a, " < ");
            case LE -> infix(a, " <= ");
            case GT -> infix(a, " > ");
            case GE -> infix(a, " >= ");
            case AND -> infix(a, " AND ");
            case OR -> infix(a, " OR ");
            case ADD -> infix(a, " + ");
            case SUBTRACT -> infix(a, " - ");
            case MULTIPLY -> infix(a, " * ");
            case NEGATE -> {
                sb.append("- "); // the space: "--" would start a comment before a negative value
                node(a.getFirst());
            }
            case NOT -> {
                sb.append("NOT ");
                node(a.getFirst());
            }
            case IS_NULL, IS_NOT_NULL -> {
                node(a.getFirst());
                sb.append(c.op() == BlockQuery.Op.IS_NULL ? " IS NULL" : " IS NOT NULL");
            }
            case IN, NOT_IN -> {
                node(a.getFirst());
                sb.append(c.op() == BlockQuery.Op.IN ? " IN (" : " NOT IN (");
                list(a.subList(1, a.size()));
                sb.append(')');
            }
            case LIKE, NOT_LIKE -> {
                node(a.get(0));
                sb.append(c.op() == BlockQuery.Op.LIKE ? " LIKE " : " NOT LIKE ");
                node(a.get(1));
                if (a.size() > 2) {
                    sb.append(" ESCAPE ");
                    node(a.get(2));
                }
            }
            case BETWEEN, NOT_BETWEEN -> {
                node(a.get(0));
                sb.append(c.op() == BlockQuery.Op.BETWEEN ? " BETWEEN " : " NOT BETWEEN ");
                node(a.get(1));
                sb.append(" AND ");
                node(a.get(2));
            }
        }
        sb.append(')');
    }

    private void infix(List<Node> args, String op) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(op);
            node(args.get(i));
        }
    }
}
