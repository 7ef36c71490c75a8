package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.TlsRequirement;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.AccountStatement;
import dev.basalt.sql.ast.AlterUser;
import dev.basalt.sql.ast.CreateUser;
import dev.basalt.sql.ast.DropUser;
import dev.basalt.sql.ast.Grant;
import dev.basalt.sql.ast.RenameUser;
import dev.basalt.sql.ast.RequireClause;
import dev.basalt.sql.ast.Revoke;
import dev.basalt.sql.ast.SetPassword;
import dev.basalt.sql.ast.ShowGrants;
import dev.basalt.sql.ast.UserAuth;
import dev.basalt.sql.ast.UserSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CREATE/ALTER/DROP/RENAME USER and SET PASSWORD. Like MySQL, a statement naming several
 * accounts changes all or none: 1396 names every account it failed for. Each commits implicitly.
 */
public final class AccountStatements {
    private AccountStatements() {}

    public static Result run(BasaltSession s, AccountStatement st) {
        return switch (st) {
            case CreateUser c -> createUser(s, c);
            case AlterUser a -> alterUser(s, a);
            case DropUser d -> dropUser(s, d);
            case RenameUser r -> renameUser(s, r);
            case SetPassword p -> setPassword(s, p);
            case Grant g -> GrantStatements.grant(s, g);
            case Revoke r -> GrantStatements.revoke(s, r);
            case ShowGrants sg -> GrantStatements.show(s, sg);
            case dev.basalt.sql.ast.CreateRole c -> RoleStatements.create(s, c);
            case dev.basalt.sql.ast.DropRole d -> RoleStatements.drop(s, d);
            case dev.basalt.sql.ast.SetRole r -> RoleStatements.set(s, r);
            case dev.basalt.sql.ast.RevokeRole r -> RoleStatements.revoke(s, r);
            case dev.basalt.sql.ast.ShowCreateUser sc -> ShowCreateUser.show(s, sc);
            case dev.basalt.sql.ast.AlterInstance ai -> ReloadTls.run(s, ai);
        };
    }

    static Accounts accounts(BasaltSession s) { return s.engine().accounts(); }

    /** CREATE USER and friends need the global CREATE USER privilege (1227 otherwise). */
    static void requireCreateUser(BasaltSession s) {
        if (!s.principal().grants(accounts(s)).hasGlobal(Privilege.CREATE_USER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("CREATE USER");
        }
    }

    /** The account named, CURRENT_USER resolved to the session's own. */
    static UserSpec resolve(BasaltSession s, UserSpec u) {
        if (u.currentUser()) return UserSpec.of(s.principal().user(), s.principal().host());
        return UserSpec.of(u.user(), u.host().toLowerCase(Locale.ROOT));
    }

    private static String plugin(String written) {
        if (written == null) return Account.CACHING_SHA2;
        if (!written.equals(Account.NATIVE) && !written.equals(Account.CACHING_SHA2)) {
            throw ErrorCode.ER_PLUGIN_IS_NOT_LOADED.error(written);
        }
        return written;
    }

    private static TlsRequirement tls(RequireClause r) {
        return TlsRequirement.of(r.type(), r.issuer(), r.subject(), r.cipher());
    }

    private static void checkName(UserSpec u) {
        if (u.user().length() > 32) throw ErrorCode.ER_WRONG_STRING_LENGTH.error(u.user(), "user name", 32);
        if (u.host().length() > 255) throw ErrorCode.ER_WRONG_STRING_LENGTH.error(u.host(), "host name", 255);
        if (u.user().indexOf('\n') >= 0 || u.host().indexOf('\n') >= 0) {
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("a line break in an account name");
        }
    }

    private static Result createUser(BasaltSession s, CreateUser c) {
        requireCreateUser(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> failed = new ArrayList<>();
            Map<String, Account> made = new LinkedHashMap<>();
            for (UserAuth ua : c.users()) {
                UserSpec u = resolve(s, ua.user());
                checkName(u);
                String plugin = plugin(ua.plugin());
                boolean exists = accounts(s).get(u.user(), u.host()).isPresent() || Accounts.isRoot(u.user())
                        || made.containsKey(u.user() + "\0" + u.host());
                if (exists) {
                    if (c.ifNotExists()) {
                        s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_USER_ALREADY_EXISTS.code(),
                                ErrorCode.ER_USER_ALREADY_EXISTS.error(Account.quoted(u.user(), u.host())).getMessage());
                        continue;
                    }
                    failed.add(Account.quoted(u.user(), u.host()));
                    continue;
                }
                Account a = Account.create(u.user(), u.host(), plugin, ua.password());
                if (ua.hash() != null) a = a.withHash(plugin, ua.hash());
                if (c.locked() != null) a = a.withLocked(c.locked());
                if (c.require() != null) a = a.withTls(tls(c.require()));
                made.put(u.user() + "\0" + u.host(), a);
            }
            if (!failed.isEmpty()) throw ErrorCode.ER_CANNOT_USER.error("CREATE USER", String.join(",", failed));
            for (Account a : made.values()) DefinerReferences.check(s, t, "CREATE USER", a.user(), a.host());
            for (Account a : made.values()) accounts(s).put(t, a);
            return Results.ok();
        });
    }

    private static Result alterUser(BasaltSession s, AlterUser a) {
        // Changing one's own password needs no privilege (as in MySQL); anything else needs CREATE USER.
        boolean self = a.users().size() == 1 && a.locked() == null && a.require() == null && isSelf(s, resolve(s, a.users().get(0).user()));
        if (!self) requireCreateUser(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> failed = new ArrayList<>();
            List<Account> changed = new ArrayList<>();
            for (UserAuth ua : a.users()) {
                UserSpec u = resolve(s, ua.user());
                if (Accounts.isRoot(u.user())) {
                    throw ErrorCode.ER_NOT_SUPPORTED_YET.error("ALTER USER for root (its password comes from the settings)");
                }
                var found = accounts(s).get(u.user(), u.host());
                if (found.isEmpty()) {
                    if (a.ifExists()) {
                        s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_USER_DOES_NOT_EXIST.code(),
                                ErrorCode.ER_USER_DOES_NOT_EXIST.error(Account.quoted(u.user(), u.host())).getMessage());
                        continue;
                    }
                    failed.add(Account.quoted(u.user(), u.host()));
                    continue;
                }
                Account acc = found.get();
                if (ua.hash() != null) {
                    acc = acc.withHash(plugin(ua.plugin()), ua.hash());
                } else if (ua.password() != null || ua.plugin() != null) {
                    acc = acc.withPassword(ua.plugin() == null ? null : plugin(ua.plugin()),
                            ua.password() == null ? "" : ua.password());
                }
                if (a.locked() != null) acc = acc.withLocked(a.locked());
                if (a.require() != null) acc = acc.withTls(tls(a.require()));
                changed.add(acc);
            }
            if (!failed.isEmpty()) throw ErrorCode.ER_CANNOT_USER.error("ALTER USER", String.join(",", failed));
            for (Account acc : changed) accounts(s).put(t, acc);
            return Results.ok();
        });
    }

    private static boolean isSelf(BasaltSession s, UserSpec u) {
        return u.user().equals(s.principal().user()) && u.host().equalsIgnoreCase(s.principal().host());
    }

    private static Result dropUser(BasaltSession s, DropUser d) {
        requireCreateUser(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> failed = new ArrayList<>();
            List<Account> gone = new ArrayList<>();
            for (UserSpec written : d.users()) {
                UserSpec u = resolve(s, written);
                if (Accounts.isRoot(u.user())) {
                    throw ErrorCode.ER_NOT_SUPPORTED_YET.error("DROP USER for root (root is built in)");
                }
                var found = accounts(s).get(u.user(), u.host());
                if (found.isEmpty()) {
                    if (d.ifExists()) {
                        s.warn(dev.basalt.engine.expr.EvalContext.Level.NOTE, ErrorCode.ER_USER_DOES_NOT_EXIST.code(),
                                ErrorCode.ER_USER_DOES_NOT_EXIST.error(Account.quoted(u.user(), u.host())).getMessage());
                        continue;
                    }
                    failed.add(Account.quoted(u.user(), u.host()));
                    continue;
                }
                gone.add(found.get());
            }
            if (!failed.isEmpty()) throw ErrorCode.ER_CANNOT_USER.error("DROP USER", String.join(",", failed));
            for (Account a : gone) DefinerReferences.check(s, t, "DROP USER", a.user(), a.host());
            for (Account a : gone) accounts(s).remove(t, a.user(), a.host());
            return Results.ok();
        });
    }

    private static Result renameUser(BasaltSession s, RenameUser r) {
        requireCreateUser(s);
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            List<String> failed = new ArrayList<>();
            // Work on a private copy so that "a TO b, b TO c" sees its own earlier renames.
            Map<String, Account> view = new LinkedHashMap<>();
            for (Account a : accounts(s).all()) if (!Accounts.isRoot(a.user())) view.put(a.user() + "\0" + a.host(), a);
            Map<String, Account> before = new LinkedHashMap<>(view);
            for (int i = 0; i < r.from().size(); i++) {
                UserSpec from = resolve(s, r.from().get(i)), to = resolve(s, r.to().get(i));
                checkName(to);
                Account a = view.get(from.user() + "\0" + from.host());
                String toKey = to.user() + "\0" + to.host();
                if (a == null || Accounts.isRoot(to.user()) || view.containsKey(toKey)) {
                    failed.add(Account.quoted(from.user(), from.host()));
                    continue;
                }
                view.remove(from.user() + "\0" + from.host());
                view.put(toKey, a.renamed(to.user(), to.host()));
            }
            if (!failed.isEmpty()) throw ErrorCode.ER_CANNOT_USER.error("RENAME USER", String.join(",", failed));
            // both sides: the old name would orphan its objects, the new one adopt others'
            for (var e : before.entrySet()) {
                if (!view.containsKey(e.getKey())) DefinerReferences.check(s, t, "RENAME USER", e.getValue().user(), e.getValue().host());
            }
            for (var e : view.entrySet()) {
                if (!before.containsKey(e.getKey())) DefinerReferences.check(s, t, "RENAME USER", e.getValue().user(), e.getValue().host());
            }
            for (var e : before.entrySet()) {
                if (!view.containsKey(e.getKey())) accounts(s).remove(t, e.getValue().user(), e.getValue().host());
            }
            for (var e : view.entrySet()) {
                if (before.get(e.getKey()) != e.getValue()) accounts(s).put(t, e.getValue());
            }
            return Results.ok();
        });
    }

    private static Result setPassword(BasaltSession s, SetPassword p) {
        UserSpec u = p.user() == null ? UserSpec.of(s.principal().user(), s.principal().host()) : resolve(s, p.user());
        if (!isSelf(s, u)) requireCreateUser(s);
        if (Accounts.isRoot(u.user())) {
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SET PASSWORD for root (its password comes from the settings)");
        }
        s.transaction().implicitCommit();
        return s.transaction().run(t -> {
            Account a = accounts(s).get(u.user(), u.host())
                    .orElseThrow(ErrorCode.ER_PASSWORD_NO_MATCH::error);
            accounts(s).put(t, a.withPassword(null, p.password()));
            return Results.ok();
        });
    }

    /** Unused guard so that a mistyped branch cannot silently succeed. */
    static SqlException unsupported(String what) { return ErrorCode.ER_NOT_SUPPORTED_YET.error(what); }
}
