package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.plan.AstRewriter;
import dev.basalt.engine.plan.ViewOpening;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.Cast;
import dev.basalt.sql.ast.CastKind;
import dev.basalt.sql.ast.CastType;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.StringLiteral;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * A view's security context, as MySQL 8 sets it up when a statement opens a view: a SQL SECURITY
 * DEFINER view runs as its definer, an INVOKER view as whoever opened it (the reader, or the
 * definer of the view it is used in). Opening a DEFINER view whose account is gone fails, for
 * root too: 1449 for a session with SUPER, 1045 (access denied) for one without; SHOW COLUMNS /
 * DESCRIBE only note it. Inside the view CURRENT_USER() names the account the view runs as.
 */
public final class ViewSecurity implements ViewOpening {
    private final BasaltSession s;
    /** Metadata only (DESCRIBE, SHOW COLUMNS, information_schema): a missing definer is a note. */
    private final boolean metadata;
    /**
     * The accounts ({@code user@host}) the views being planned run as, innermost first; made on
     * the first view, as most statements open none.
     */
    private Deque<String> acting;

    private ViewSecurity(BasaltSession s, boolean metadata) {
        this.s = s;
        this.metadata = metadata;
    }

    /** The opening for statements that read or write through views. */
    public static ViewOpening forStatement(BasaltSession s) { return new ViewSecurity(s, false); }

    /** The opening for describing a view's columns: a missing definer does not stop it. */
    public static ViewOpening forMetadata(BasaltSession s) { return new ViewSecurity(s, true); }

    @Override
    public <T> T plan(ViewDef view, Query query, Function<Query, T> planner) {
        String runsAs = acting == null ? null : acting.peek();
        if (!view.invokerSecurity()) {
            Definer.Name d = Definer.parse(view.definer());
            if (d != null && !Definer.exists(s, d)) {
                if (!metadata) throw missingDefiner(s, d);
            } else if (d != null) {
                runsAs = d.plain();
            }
        }
        if (runsAs == null) return planner.apply(query); // the session's own context
        if (acting == null) acting = new ArrayDeque<>();
        acting.push(runsAs);
        try {
            return planner.apply(bindCurrentUser(query, runsAs));
        } finally {
            acting.pop();
        }
    }

    /**
     * Who a view's query runs as: its definer for SQL SECURITY DEFINER (1449 / 1045 when the
     * account is gone), else null (the caller's context).
     */
    static Principal definer(BasaltSession s, ViewDef view) {
        if (view.invokerSecurity()) return null;
        Definer.Name d = Definer.parse(view.definer());
        if (d != null && !Definer.exists(s, d)) throw missingDefiner(s, d);
        return Definer.principal(s, view.definer());
    }

    /**
     * MySQL tells a session with SUPER which account is missing (1449); any other session only
     * gets access denied (1045), naming itself.
     */
    static RuntimeException missingDefiner(BasaltSession s, Definer.Name d) {
        Principal me = s.principal();
        if (me.superuser() || me.grants(s.engine().accounts()).hasGlobal(Privilege.SUPER)) {
            return ErrorCode.ER_NO_SUCH_USER.error(d.user(), d.host());
        }
        return ErrorCode.ER_ACCESS_DENIED.error(me.user(), me.host(), "YES");
    }

    /** Notes a missing definer the way SHOW COLUMNS / SHOW CREATE VIEW do (1449 as a note). */
    public static void noteMissingDefiner(BasaltSession s, ViewDef view) {
        if (view.invokerSecurity()) return;
        Definer.Name d = Definer.parse(view.definer());
        if (d != null && !Definer.exists(s, d)) {
            s.warn(EvalContext.Level.NOTE, ErrorCode.ER_NO_SUCH_USER.code(), ErrorCode.ER_NO_SUCH_USER.format(d.user(), d.host()));
        }
    }

    /** CURRENT_USER() in the view's text (its subqueries too) as the account the view runs as. */
    private static Query bindCurrentUser(Query q, String account) {
        return AstRewriter.rewriteQuery(q, e -> e instanceof FunctionCall f && f.args().isEmpty()
                && f.name().equalsIgnoreCase("CURRENT_USER")
                // the type CURRENT_USER() has: VARCHAR(288), as a view's column metadata shows it
                ? new Cast(new StringLiteral(account, null, false), new CastType(CastKind.CHAR, 288, null, null))
                : null);
    }
}
