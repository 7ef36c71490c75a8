package dev.basalt.engine.exec;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for row arrays. */
public final class Rows {
    private Rows() {}

    public static final Object[] EMPTY = new Object[0];

    public static Object[] concat(Object[] a, Object[] b) {
        Object[] r = new Object[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Drains an operator into a list of (copied) rows, then closes it. */
    public static List<Object[]> drain(Operator op) {
        List<Object[]> rows = new ArrayList<>();
        op.open();
        try {
            Object[] r;
            while ((r = op.next()) != null) rows.add(r.clone());
        } finally {
            op.close();
        }
        return rows;
    }
}
