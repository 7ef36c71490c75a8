package dev.basalt.engine.exec.window;

import dev.basalt.engine.exec.ListOperator;
import dev.basalt.engine.expr.BinaryOp;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.TestContext;
import dev.basalt.engine.function.Aggregates;
import dev.basalt.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares {@link WindowOperator} with a naive evaluator that, for every row, collects its
 * partition, sorts it and tests every other row against the frame's definition. Random rows
 * (with NULLs and ties), random PARTITION BY / ORDER BY (ASC, DESC, none) and random ROWS and
 * RANGE frames.
 */
class WindowOperatorRandomTest {
    // input row: id, p (partition key), k (order key), v (value); NULLs in p, k and v
    private static final int ID = 0, P = 1, K = 2, V = 3, WIDTH = 4;
    private static final String[] FUNCTIONS = {"ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "LAG", "LEAD",
            "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "SUM", "COUNT", "MIN", "MAX"};

    private record Bound(FrameBoundSpec.Kind kind, long n) {}

    @Test
    void matchesNaiveEvaluation() {
        Random rnd = new Random(42);
        for (int round = 0; round < 3000; round++) {
            List<Object[]> rows = new ArrayList<>();
            int count = rnd.nextInt(12);
            for (int i = 0; i < count; i++) {
                rows.add(new Object[]{(long) i, maybeNull(rnd, rnd.nextInt(3)), maybeNull(rnd, rnd.nextInt(6)),
                        maybeNull(rnd, rnd.nextInt(20) - 5)});
            }
            boolean partitioned = rnd.nextBoolean();
            int orderMode = rnd.nextInt(3); // 0 none, 1 ASC, 2 DESC
            boolean rowsFrame = orderMode == 0 || rnd.nextBoolean();
            Bound start, end;
            do {
                start = randomBound(rnd, rowsFrame || orderMode != 0);
                end = randomBound(rnd, rowsFrame || orderMode != 0);
            } while (start.kind().ordinal() > end.kind().ordinal()
                    || start.kind() == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING
                    || end.kind() == FrameBoundSpec.Kind.UNBOUNDED_PRECEDING);
            boolean defaultFrame = rnd.nextInt(4) == 0;
            String fn = FUNCTIONS[rnd.nextInt(FUNCTIONS.length)];
            long n = 1 + rnd.nextInt(3);
            String what = "round " + round + " " + fn + "(" + n + ") partitioned=" + partitioned + " order=" + orderMode
                    + (defaultFrame ? " default frame" : " " + (rowsFrame ? "ROWS " : "RANGE ") + start + " .. " + end)
                    + " rows=" + show(rows);

            Map<Long, Object> actual = run(rows, partitioned, orderMode, rowsFrame, start, end, defaultFrame, fn, n);
            for (Object[] r : rows) {
                Object expected = naive(rows, r, partitioned, orderMode, rowsFrame, start, end, defaultFrame, fn, n);
                Object got = actual.get((Long) r[ID]);
                if (got instanceof BigDecimal d) got = d.longValueExact();
                assertEquals(expected, got, what + " id=" + r[ID]);
            }
        }
    }

    private static Long maybeNull(Random rnd, long v) {
        return rnd.nextInt(6) == 0 ? null : v;
    }

    private static Bound randomBound(Random rnd, boolean offsets) {
        FrameBoundSpec.Kind k = FrameBoundSpec.Kind.values()[rnd.nextInt(5)];
        if (!offsets && (k == FrameBoundSpec.Kind.PRECEDING || k == FrameBoundSpec.Kind.FOLLOWING)) {
            k = FrameBoundSpec.Kind.CURRENT_ROW;
        }
        return new Bound(k, rnd.nextInt(4));
    }

    private static String show(List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : rows) sb.append(java.util.Arrays.toString(r));
        return sb.toString();
    }

    // ---- the operator -----------------------------------------------------------------------

    private static Map<Long, Object> run(List<Object[]> rows, boolean partitioned, int orderMode, boolean rowsFrame,
                                         Bound start, Bound end, boolean defaultFrame, String fn, long n) {
        Expr p = Exprs.column(P, SqlType.BIGINT, true, "p");
        Expr k = Exprs.column(K, SqlType.BIGINT, true, "k");
        Expr v = Exprs.column(V, SqlType.BIGINT, true, "v");
        boolean desc = orderMode == 2;
        FrameSpec frame;
        if (defaultFrame) {
            frame = orderMode > 0 ? FrameSpec.DEFAULT : new FrameSpec(true, FrameBoundSpec.of(FrameBoundSpec.Kind.UNBOUNDED_PRECEDING),
                    FrameBoundSpec.of(FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING));
        } else {
            frame = new FrameSpec(rowsFrame, spec(start, rowsFrame, k, desc), spec(end, rowsFrame, k, desc));
        }
        WindowFunctionSpec f = switch (fn) {
            case "SUM", "COUNT", "MIN", "MAX" -> new WindowFunctionSpec(WindowFunctionSpec.Kind.AGGREGATE, new Expr[0],
                    Aggregates.create(fn, false, List.of(v)), 0, null, frame);
            case "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE" ->
                    new WindowFunctionSpec(WindowFunctionSpec.Kind.valueOf(fn), new Expr[]{v}, null, n, null, frame);
            default -> new WindowFunctionSpec(WindowFunctionSpec.Kind.valueOf(fn), new Expr[0], null, n, null, frame);
        };
        WindowGroup g = new WindowGroup(partitioned ? new Expr[]{p} : new Expr[0], orderMode > 0 ? new Expr[]{k} : new Expr[0],
                orderMode > 0 ? new boolean[]{desc} : new boolean[0], List.of(f), new int[]{WIDTH});
        WindowOperator op = new WindowOperator(new ListOperator(rows), WIDTH, WIDTH + 1, List.of(g), new TestContext());
        Map<Long, Object> out = new HashMap<>();
        op.open();
        Object[] r;
        while ((r = op.next()) != null) out.put((Long) r[ID], r[WIDTH]);
        op.close();
        return out;
    }

    private static FrameBoundSpec spec(Bound b, boolean rowsFrame, Expr k, boolean desc) {
        if (b.kind() != FrameBoundSpec.Kind.PRECEDING && b.kind() != FrameBoundSpec.Kind.FOLLOWING) return FrameBoundSpec.of(b.kind());
        if (rowsFrame) return new FrameBoundSpec(b.kind(), b.n(), null);
        boolean subtract = (b.kind() == FrameBoundSpec.Kind.PRECEDING) != desc;
        Expr moved = Exprs.binary(subtract ? BinaryOp.SUBTRACT : BinaryOp.ADD, k, Exprs.literal(b.n(), SqlType.BIGINT));
        return new FrameBoundSpec(b.kind(), 0, moved);
    }

    // ---- the naive evaluator ------------------------------------------------------------------

    private static Object naive(List<Object[]> rows, Object[] cur, boolean partitioned, int orderMode, boolean rowsFrame,
                                Bound start, Bound end, boolean defaultFrame, String fn, long n) {
        List<Object[]> part = new ArrayList<>();
        for (Object[] r : rows) if (!partitioned || Objects.equals(r[P], cur[P])) part.add(r);
        Comparator<Object[]> sortCmp = (a, b) -> orderMode == 0 ? 0 : sortCompare(a, b, orderMode == 2);
        part.sort(sortCmp); // stable: ties keep input order
        int m = part.size(), i = part.indexOf(cur);
        if (defaultFrame) {
            rowsFrame = orderMode == 0;
            start = new Bound(FrameBoundSpec.Kind.UNBOUNDED_PRECEDING, 0);
            end = new Bound(orderMode == 0 ? FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING : FrameBoundSpec.Kind.CURRENT_ROW, 0);
        }
        List<Object[]> frame = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (inFrame(part, i, j, rowsFrame, start, true, orderMode) && inFrame(part, i, j, rowsFrame, end, false, orderMode)) {
                frame.add(part.get(j));
            }
        }
        int peersBefore = 0, peersThrough = 0, distinctBefore = 0;
        for (int j = 0; j < m; j++) {
            int c = sortCmp.compare(part.get(j), cur);
            if (c < 0) peersBefore++;
            if (c <= 0) peersThrough++;
            if (c < 0 && (j == 0 || sortCmp.compare(part.get(j - 1), part.get(j)) != 0)) distinctBefore++;
        }
        return switch (fn) {
            case "ROW_NUMBER" -> (long) i + 1;
            case "RANK" -> (long) peersBefore + 1;
            case "DENSE_RANK" -> (long) distinctBefore + 1;
            case "NTILE" -> {
                long size = m / n, bigger = m % n;
                yield i < bigger * (size + 1) ? i / (size + 1) + 1 : bigger + (i - bigger * (size + 1)) / size + 1;
            }
            case "LAG" -> i - n >= 0 ? part.get((int) (i - n))[V] : null;
            case "LEAD" -> i + n < m ? part.get((int) (i + n))[V] : null;
            case "FIRST_VALUE" -> frame.isEmpty() ? null : frame.getFirst()[V];
            case "LAST_VALUE" -> frame.isEmpty() ? null : frame.getLast()[V];
            case "NTH_VALUE" -> frame.size() >= n ? frame.get((int) n - 1)[V] : null;
            case "COUNT" -> frame.stream().filter(r -> r[V] != null).count();
            default -> {
                Long acc = null;
                for (Object[] r : frame) {
                    Long x = (Long) r[V];
                    if (x == null) continue;
                    acc = acc == null ? x : switch (fn) {
                        case "SUM" -> acc + x;
                        case "MIN" -> Math.min(acc, x);
                        default -> Math.max(acc, x);
                    };
                }
                yield acc;
            }
        };
    }

    /** SQL order of the k column: NULL first ascending, last descending. */
    private static int sortCompare(Object[] a, Object[] b, boolean desc) {
        Long x = (Long) a[K], y = (Long) b[K];
        int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : Long.compare(x, y);
        return desc ? -c : c;
    }

    private static boolean inFrame(List<Object[]> part, int i, int j, boolean rowsFrame, Bound b, boolean isStart, int orderMode) {
        switch (b.kind()) {
            case UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING -> {
                return true;
            }
            default -> {
            }
        }
        if (rowsFrame) {
            long at = switch (b.kind()) {
                case PRECEDING -> i - b.n();
                case FOLLOWING -> i + b.n();
                default -> i;
            };
            return isStart ? j >= at : j <= at;
        }
        boolean desc = orderMode == 2;
        Object[] cur = part.get(i), row = part.get(j);
        Long ki = (Long) cur[K], kj = (Long) row[K];
        if (b.kind() == FrameBoundSpec.Kind.CURRENT_ROW || ki == null) {
            int c = orderMode == 0 ? 0 : sortCompare(row, cur, desc);
            return isStart ? c >= 0 : c <= 0;
        }
        // the bound value, in the direction of the sort
        long delta = b.kind() == FrameBoundSpec.Kind.PRECEDING ? -b.n() : b.n();
        long bound = desc ? ki - delta : ki + delta;
        if (kj == null) return isStart == desc; // NULLs sort before every value ascending, after descending
        int c = Long.compare(kj, bound);
        if (desc) c = -c;
        return isStart ? c >= 0 : c <= 0;
    }
}
