package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.CreateRole;
import dev.basalt.sql.ast.DropRole;
import dev.basalt.sql.ast.RevokeRole;
import dev.basalt.sql.ast.SetRole;
import dev.basalt.sql.ast.UserSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Roles as MySQL 8 has them: a role is a locked account without password; GRANT role TO user
 * records it with the user, SET ROLE activates granted roles for the session, SET DEFAULT ROLE
 * chooses those active at login. A session's privileges are its account's plus its active roles'.
 */
final class RoleStatements {
    private RoleStatements() {}

    private static Accounts accounts(BasaltSession s) { return s.engine().accounts(); }

    /** CREATE ROLE / DROP ROLE: CREATE ROLE / DROP ROLE or CREATE USER (1227). */
    private static void require(BasaltSession s, Privilege p) {
        Grants g = s.principal().grants(accounts(s));
        if (!g.hasGlobal(p) && !g.hasGlobal(Privilege.CREATE_USER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error(p.sql + " or CREATE USER");
        }
    }

    /** Granting roles needs ROLE_ADMIN in MySQL; Basalt has no dynamic privileges and asks for SUPER. */
    private static void requireRoleAdmin(BasaltSession s) {
        if (!s.principal().grants(accounts(s)).hasGlobal(Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("SUPER or ROLE_ADMIN");
        }
    }

    static Result create(BasaltSession s, CreateRole c) {
        require(s, Privilege.CREATE_ROLE);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> failed = new ArrayList<>();
            List<Account> made = new ArrayList<>();
            for (UserSpec written : c.roles()) {
                UserSpec r = AccountStatements.resolve(s, written);
                boolean exists = Accounts.isRoot(r.user()) || accounts(s).get(r.user(), r.host()).isPresent()
                        || made.stream().anyMatch(a -> a.key().equals(Account.key(r.user(), r.host())));
                if (exists) {
                    if (!c.ifNotExists()) failed.add(Account.quoted(r.user(), r.host()));
                    continue;
                }
                made.add(Account.create(r.user(), r.host(), Account.CACHING_SHA2, "").withLocked(true));
            }
            if (!failed.isEmpty()) throw ErrorCode.ER_CANNOT_USER.error("CREATE ROLE", String.join(",", failed));
            for (Account a : made) accounts(s).put(t, a);
            return Results.ok();
        });
    }

    static Result drop(BasaltSession s, DropRole d) {
        require(s, Privilege.DROP_ROLE);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> failed = new ArrayList<>();
            Set<String> gone = new LinkedHashSet<>();
            for (UserSpec written : d.roles()) {
                UserSpec r = AccountStatements.resolve(s, written);
                if (Accounts.isRoot(r.user()) || accounts(s).get(r.user(), r.host()).isEmpty()) {
                    if (!d.ifExists()) failed.add(Account.quoted(r.user(), r.host()));
                    continue;
                }
                gone.add(Account.key(r.user(), r.host()));
            }
            if (!failed.isEmpty()) throw ErrorCode.ER_CANNOT_USER.error("DROP ROLE", String.join(",", failed));
            for (Account a : accounts(s).all()) {
                if (Accounts.isRoot(a.user())) continue;
                if (gone.contains(a.key())) {
                    accounts(s).remove(t, a.user(), a.host());
                } else if (a.roles().stream().anyMatch(gone::contains) || a.defaultRoles().stream().anyMatch(gone::contains)) {
                    accounts(s).put(t, a.withRoles(without(a.roles(), gone), without(a.defaultRoles(), gone)));
                }
            }
            return Results.ok();
        });
    }

    private static List<String> without(List<String> list, Set<String> gone) {
        return list.stream().filter(k -> !gone.contains(k)).toList();
    }

    /** GRANT role, ... TO user, ... (roles given as "name\0host"). */
    static Result grant(BasaltSession s, List<UserSpec> roles, List<UserSpec> users) {
        requireRoleAdmin(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> keys = new ArrayList<>();
            for (UserSpec r : roles) {
                if (accounts(s).get(r.user(), r.host()).isEmpty()) {
                    throw new SqlException(3523, "HY000", "Unknown authorization ID " + Account.quoted(r.user(), r.host()).replace("'", "`"));
                }
                keys.add(Account.key(r.user(), r.host()));
            }
            List<Account> changed = new ArrayList<>();
            for (UserSpec written : users) {
                UserSpec u = AccountStatements.resolve(s, written);
                if (Accounts.isRoot(u.user())) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("granting roles to root (root is built in)");
                Account a = accounts(s).get(u.user(), u.host()).orElseThrow(() -> new SqlException(3523, "HY000",
                        "Unknown authorization ID `" + u.user() + "`@`" + u.host() + "`"));
                List<String> now = new ArrayList<>(a.roles());
                for (String k : keys) {
                    if (k.equals(a.key())) throw new SqlException(3512, "HY000", "Circular role grant detected.");
                    if (!now.contains(k)) now.add(k);
                }
                changed.add(a.withRoles(now, a.defaultRoles()));
            }
            for (Account a : changed) accounts(s).put(t, a);
            return Results.ok();
        });
    }

    static Result revoke(BasaltSession s, RevokeRole r) {
        requireRoleAdmin(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            Set<String> keys = new LinkedHashSet<>();
            for (UserSpec role : r.roles()) keys.add(Account.key(role.user(), role.host()));
            for (UserSpec written : r.users()) {
                UserSpec u = AccountStatements.resolve(s, written);
                Account a = accounts(s).get(u.user(), u.host()).orElseThrow(() -> new SqlException(3523, "HY000",
                        "Unknown authorization ID `" + u.user() + "`@`" + u.host() + "`"));
                accounts(s).put(t, a.withRoles(without(a.roles(), keys), without(a.defaultRoles(), keys)));
            }
            return Results.ok();
        });
    }

    static Result set(BasaltSession s, SetRole sr) {
        if (sr.defaultRole()) return setDefault(s, sr);
        Principal me = s.principal();
        if (me.superuser()) {
            if (sr.mode().equals("LIST")) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SET ROLE for root (root holds every privilege)");
            return Results.ok();
        }
        Account a = accounts(s).get(me.user(), me.host()).orElseThrow(() -> ErrorCode.ER_PASSWORD_NO_MATCH.error());
        List<String> active = switch (sr.mode()) {
            case "NONE" -> List.of();
            case "ALL" -> a.roles();
            case "DEFAULT" -> a.defaultRoles();
            default -> granted(a, sr.roles());
        };
        me.activeRoles().set(List.copyOf(active));
        return Results.ok();
    }

    /** The listed roles, each of which must be granted to the account (3530 otherwise). */
    private static List<String> granted(Account a, List<UserSpec> roles) {
        List<String> out = new ArrayList<>();
        for (UserSpec r : roles) {
            String k = Account.key(r.user(), r.host());
            if (!a.roles().contains(k)) {
                throw new SqlException(3530, "HY000", "`" + r.user() + "`@`" + r.host() + "` is not granted to `"
                        + a.user() + "`@`" + a.host() + "`");
            }
            out.add(k);
        }
        return out;
    }

    private static Result setDefault(BasaltSession s, SetRole sr) {
        boolean self = sr.users().size() == 1 && AccountStatements.resolve(s, sr.users().get(0)).user().equals(s.principal().user())
                && AccountStatements.resolve(s, sr.users().get(0)).host().equalsIgnoreCase(s.principal().host());
        if (!self) AccountStatements.requireCreateUser(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            for (UserSpec written : sr.users()) {
                UserSpec u = AccountStatements.resolve(s, written);
                if (Accounts.isRoot(u.user())) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("default roles for root (root is built in)");
                Account a = accounts(s).get(u.user(), u.host()).orElseThrow(() -> ErrorCode.ER_CANNOT_USER.error(
                        "SET DEFAULT ROLE", Account.quoted(u.user(), u.host())));
                List<String> defaults = switch (sr.mode()) {
                    case "NONE" -> List.of();
                    case "ALL" -> a.roles();
                    default -> granted(a, sr.roles());
                };
                accounts(s).put(t, a.withRoles(a.roles(), defaults));
            }
            return Results.ok();
        });
    }

    /** SHOW GRANTS' role line: {@code GRANT `r1`@`%`,`r2`@`%` TO `u`@`%`}. */
    static String showLine(Account a) {
        if (a.roles().isEmpty()) return null;
        StringBuilder sb = new StringBuilder("GRANT ");
        for (int i = 0; i < a.roles().size(); i++) {
            String[] k = a.roles().get(i).split("\0", 2);
            if (i > 0) sb.append(',');
            sb.append('`').append(k[0]).append("`@`").append(k[1]).append('`');
        }
        return sb.append(" TO `").append(a.user()).append("`@`").append(a.host()).append('`').toString();
    }
}
