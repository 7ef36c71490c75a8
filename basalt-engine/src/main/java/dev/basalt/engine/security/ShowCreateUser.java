package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.UserSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * SHOW CREATE USER: MySQL 8's text, {@code CREATE USER `u`@`h` IDENTIFIED WITH 'plugin' AS 'hash'
 * REQUIRE ... PASSWORD EXPIRE DEFAULT ACCOUNT LOCK|UNLOCK ...}. Running it restores the account
 * with the same password (the hash is mysql.user.authentication_string), TLS requirement and lock,
 * which is how dump tools save accounts; privileges follow from SHOW GRANTS.
 */
final class ShowCreateUser {
    private ShowCreateUser() {}

    static Result show(BasaltSession s, dev.basalt.sql.ast.ShowCreateUser st) {
        UserSpec u = AccountStatements.resolve(s, st.user());
        boolean self = u.user().equals(s.principal().user()) && u.host().equalsIgnoreCase(s.principal().host());
        // as SHOW GRANTS FOR another account: reading the grant tables needs SELECT on mysql
        if (!self && !s.principal().grants(s.engine().accounts()).hasDatabase("mysql", Privilege.SELECT)) {
            throw ErrorCode.ER_DBACCESS_DENIED.error(s.principal().user(), s.principal().host(), "mysql");
        }
        Account a = s.engine().accounts().get(u.user(), u.host())
                .orElseThrow(() -> ErrorCode.ER_CANNOT_USER.error("SHOW CREATE USER", Account.quoted(u.user(), u.host())));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{text(a)});
        return Results.rows(Results.textColumns("CREATE USER for " + a.user() + "@" + a.host()), rows);
    }

    static String text(Account a) {
        StringBuilder sb = new StringBuilder("CREATE USER `").append(a.user().replace("`", "``")).append("`@`")
                .append(a.host().replace("`", "``")).append("` IDENTIFIED WITH '").append(a.plugin()).append('\'');
        String hash = a.authenticationString();
        if (!hash.isEmpty()) sb.append(" AS ").append(hashLiteral(a, hash));
        sb.append(' ').append(a.tls().clause());
        sb.append(" PASSWORD EXPIRE DEFAULT ACCOUNT ").append(a.locked() ? "LOCK" : "UNLOCK");
        sb.append(" PASSWORD HISTORY DEFAULT PASSWORD REUSE INTERVAL DEFAULT PASSWORD REQUIRE CURRENT DEFAULT");
        return sb.toString();
    }

    /**
     * A MySQL salted hash whose salt holds unprintable bytes is written {@code 0x...}, as MySQL 8
     * does with print_identified_with_as_hex (raw control bytes would not survive a text dump);
     * everything else as a quoted string.
     */
    private static String hashLiteral(Account a, String hash) {
        if (a.sha2Crypt() != null && hash.equals(a.sha2Crypt().text()) && !a.sha2Crypt().printable()) return "0x" + a.sha2Crypt().hex();
        return "'" + hash.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
