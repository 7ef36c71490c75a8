package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.session.BasaltSession;

import java.util.function.Supplier;

/**
 * The DEFINER of views, stored routines, triggers and events, as MySQL 8 treats it: recorded at
 * CREATE (naming another account needs SUPER, 1227; an account that does not exist is only a
 * note, 1449, so that dumps load before their accounts), and the account whose privileges a
 * SQL SECURITY DEFINER object runs with (1449 when the account has gone since).
 *
 * <p>Definers are stored quoted, {@code `user`@`host`}, the way SHOW CREATE prints them.
 */
public final class Definer {
    private Definer() {}

    /** An account named in a DEFINER clause. */
    public record Name(String user, String host) {
        /** {@code `user`@`host`}, as SHOW CREATE and mysqldump write it. */
        public String quoted() { return "`" + user.replace("`", "``") + "`@`" + host.replace("`", "``") + "`"; }

        /** {@code user@host}, as information_schema and SHOW ... STATUS print it. */
        public String plain() { return user + "@" + host; }
    }

    /**
     * A DEFINER clause as written ({@code `u`@`h`}, {@code 'u'@'h'}, {@code u@h}, or a bare user
     * meaning {@code u@%}), or a stored definer. Null for CURRENT_USER or no clause at all.
     */
    public static Name parse(String written) {
        if (written == null) return null;
        String w = written.strip();
        if (w.equalsIgnoreCase("CURRENT_USER") || w.equalsIgnoreCase("CURRENT_USER()")) return null;
        int[] pos = {0};
        String user = part(w, pos);
        String host = "%";
        if (pos[0] < w.length() && w.charAt(pos[0]) == '@') {
            pos[0]++;
            host = part(w, pos);
        }
        return new Name(user, host);
    }

    /** One quoted or bare name from {@code pos}; a bare user name ends at '@'. */
    private static String part(String w, int[] pos) {
        int i = pos[0];
        if (i >= w.length()) return "";
        char q = w.charAt(i);
        if (q == '`' || q == '\'' || q == '"') {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < w.length()) {
                char c = w.charAt(i++);
                if (c == q) {
                    if (i < w.length() && w.charAt(i) == q) { // a doubled quote stands for itself
                        sb.append(c);
                        i++;
                        continue;
                    }
                    break;
                }
                sb.append(c);
            }
            pos[0] = i;
            return sb.toString();
        }
        int end = w.indexOf('@', i);
        if (end < 0) end = w.length();
        pos[0] = end;
        return w.substring(i, end);
    }

    /** The account running now (the definer inside definer-rights programs), as CURRENT_USER() names it. */
    public static Name current(BasaltSession s) {
        String cu = s.currentUser();
        int at = cu.lastIndexOf('@');
        return at < 0 ? new Name(cu, "%") : new Name(cu.substring(0, at), cu.substring(at + 1));
    }

    /**
     * The definer a CREATE records, quoted: the one written, else the current user. Naming another
     * account needs SUPER (MySQL: SUPER or SET_USER_ID), 1227; a missing account is a note (1449).
     */
    public static String forCreate(BasaltSession s, String written) {
        Name me = current(s);
        Name d = parse(written);
        if (d == null) return me.quoted();
        boolean self = d.user().equals(me.user()) && d.host().equalsIgnoreCase(me.host());
        Principal p = s.principal();
        if (!self && !p.superuser() && !p.grants(s.engine().accounts()).hasGlobal(Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("SUPER or SET_USER_ID");
        }
        if (!exists(s, d)) {
            s.warn(EvalContext.Level.NOTE, ErrorCode.ER_NO_SUCH_USER.code(), ErrorCode.ER_NO_SUCH_USER.format(d.user(), d.host()));
        }
        return d.quoted();
    }

    static boolean exists(BasaltSession s, Name d) {
        return Accounts.isRoot(d.user()) || s.engine().accounts().get(d.user(), d.host()).isPresent();
    }

    /** Who a definer-rights object runs as: the stored definer's account (1449 when it is gone). */
    public static Principal principal(BasaltSession s, String definer) {
        Name d = parse(definer);
        if (d == null) return s.principal();
        // root is built in: whatever host a dump names it with, it is the all-privileged account
        if (Accounts.isRoot(d.user())) return new Principal(d.user(), d.host(), true);
        Account a = s.engine().accounts().get(d.user(), d.host())
                .orElseThrow(() -> ErrorCode.ER_NO_SUCH_USER.error(d.user(), d.host()));
        Principal p = new Principal(a.user(), a.host(), false);
        p.activeRoles().set(a.defaultRoles()); // MySQL runs stored objects with the definer's default roles
        return p;
    }

    /** Runs {@code body} with the privileges of {@code definer} (CURRENT_USER() names it inside). */
    public static <T> T run(BasaltSession s, String definer, Supplier<T> body) {
        return s.actingAs(principal(s, definer), body);
    }

    public static void run(BasaltSession s, String definer, Runnable body) {
        run(s, definer, () -> {
            body.run();
            return null;
        });
    }
}
