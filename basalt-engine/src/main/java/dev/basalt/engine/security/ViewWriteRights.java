package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.session.BasaltSession;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privileges an INSERT / UPDATE / DELETE through a view needs below the view, as MySQL 8
 * checks them: the writer needs the privilege on the view it names (checked with the statement,
 * {@link AccessCheck}); each view in turn needs it on what it is defined over, as its definer for
 * SQL SECURITY DEFINER, else as whoever uses it. MySQL blames the view the statement names when
 * one of them lacks it (1356), for root too: a definer view runs with its definer's rights only.
 */
public final class ViewWriteRights {
    private ViewWriteRights() {}

    /** One object a view is defined over: a view of the chain or the base table at its end. */
    public record Target(String database, String name) {}

    /**
     * @param views the views written through, the one the statement names first
     * @param below what each view is defined over, in the same order (the last one the base table)
     * @param needed the privileges the statement needs on the view it names
     */
    public static void check(BasaltSession s, List<ViewDef> views, List<Target> below, List<Privilege> needed) {
        check(s, views, below, needed, Map.of());
    }

    /**
     * As {@link #check(BasaltSession, List, List, List)}; on the base table at the end of the chain
     * a privilege listed in {@code baseColumns} is needed on each of those columns (a column grant
     * on them, or the table's), as MySQL checks column by column under a view.
     */
    public static void check(BasaltSession s, List<ViewDef> views, List<Target> below, List<Privilege> needed,
            Map<Privilege, Set<String>> baseColumns) {
        List<Map<Privilege, Set<String>>> levels = new java.util.ArrayList<>();
        for (int i = 0; i < views.size(); i++) levels.add(i == views.size() - 1 ? baseColumns : Map.of());
        checkLevels(s, views, below, needed, levels);
    }

    /**
     * As {@link #check(BasaltSession, List, List, List, Map)} with the columns needed at each level:
     * {@code columns.get(i)} names the columns of {@code below.get(i)} a privilege is needed on (a
     * view in between, or the base table); a privilege without columns there needs the table-level
     * grant or some column grant.
     */
    public static void checkLevels(BasaltSession s, List<ViewDef> views, List<Target> below, List<Privilege> needed,
            List<Map<Privilege, Set<String>>> levelColumns) {
        Principal runs = s.principal();
        for (int i = 0; i < views.size(); i++) {
            ViewDef v = views.get(i);
            Principal definer = ViewSecurity.definer(s, v);
            if (definer != null) runs = definer;
            if (runs.superuser()) continue;
            Grants g = runs.grants(s.engine().accounts());
            Target t = below.get(i);
            for (Privilege p : needed) {
                Set<String> columns = levelColumns.get(i).get(p);
                boolean has;
                if (columns != null && !columns.isEmpty() && p.column) {
                    has = true;
                    for (String c : columns) has &= g.hasColumn(t.database(), t.name(), c, p);
                } else {
                    has = g.hasTable(t.database(), t.name(), p) || p.column && g.hasAnyColumn(t.database(), t.name(), p);
                }
                if (!has) throw ErrorCode.ER_VIEW_INVALID.error(views.get(0).database(), views.get(0).name());
            }
        }
    }

    /**
     * The rights below a join view (whose tables are all base tables), as MySQL checks a
     * multi-table write through it: as the view's definer (SQL SECURITY DEFINER) or the writer,
     * on each table of the join each privilege listed for it, column by column where columns are
     * named (the table's grant or the column's), else the table's grant or some column grant.
     * 1356 names the view when one is missing.
     */
    public static void checkJoin(BasaltSession s, ViewDef view, Map<Target, Map<Privilege, Set<String>>> tables) {
        Principal definer = ViewSecurity.definer(s, view);
        Principal runs = definer != null ? definer : s.principal();
        if (runs.superuser()) return;
        Grants g = runs.grants(s.engine().accounts());
        tables.forEach((t, needed) -> needed.forEach((p, columns) -> {
            boolean has;
            if (!columns.isEmpty() && p.column) {
                has = true;
                for (String c : columns) has &= g.hasColumn(t.database(), t.name(), c, p);
            } else {
                has = g.hasTable(t.database(), t.name(), p) || p.column && g.hasAnyColumn(t.database(), t.name(), p);
            }
            if (!has) throw ErrorCode.ER_VIEW_INVALID.error(view.database(), view.name());
        }));
    }
}
