package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.event.EventDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.routine.RoutineDef;
import dev.basalt.engine.routine.TriggerDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.txn.Transaction;

/**
 * MySQL 8.0.22's guard against orphaned stored objects: CREATE USER of an account some view,
 * stored routine, trigger or event names as DEFINER (it would adopt them), and DROP / RENAME USER
 * of such an account (it would orphan them), fail with 4006 unless the session may name any
 * definer (MySQL: SET_USER_ID; Basalt's stand-in is SUPER, as for DEFINER clauses), which gets
 * warning 4005 instead.
 */
final class DefinerReferences {
    private DefinerReferences() {}

    /** Fails with 4006 or warns with 4005 when {@code 'user'@'host'} is some stored object's definer. */
    static void check(BasaltSession s, Transaction t, String operation, String user, String host) {
        String kind = referencedIn(s, t, user, host);
        if (kind == null) return;
        String account = Account.quoted(user, host);
        Principal p = s.principal();
        if (!p.superuser() && !p.grants(s.engine().accounts()).hasGlobal(Privilege.SUPER)) {
            throw ErrorCode.ER_CANNOT_USER_REFERENCED_AS_DEFINER.error(operation, account, kind);
        }
        s.warn(EvalContext.Level.WARNING, ErrorCode.ER_USER_REFERENCED_AS_DEFINER.code(),
                ErrorCode.ER_USER_REFERENCED_AS_DEFINER.error(account, kind).getMessage());
    }

    /** "a view", "a stored routine", "a trigger" or "an event" naming the account, else null. */
    private static String referencedIn(BasaltSession s, Transaction t, String user, String host) {
        CatalogSnapshot cat = s.engine().catalog().snapshot(t);
        for (DatabaseDef d : cat.databases()) {
            for (ViewDef v : cat.views(d.name())) if (names(v.definer(), user, host)) return "a view";
        }
        for (RoutineDef r : s.engine().programs().routines()) if (names(r.definer(), user, host)) return "a stored routine";
        for (DatabaseDef d : cat.databases()) {
            for (TriggerDef tr : s.engine().programs().triggers(d.name())) if (names(tr.definer(), user, host)) return "a trigger";
            for (EventDef e : s.engine().events().events(d.name())) if (names(e.definer(), user, host)) return "an event";
        }
        return null;
    }

    private static boolean names(String definer, String user, String host) {
        if (definer == null) return false;
        Definer.Name n = Definer.parse(definer);
        return n.user().equals(user) && n.host().equalsIgnoreCase(host);
    }
}
