package dev.basalt.sql.parser;

import dev.basalt.sql.ast.AlterUser;
import dev.basalt.sql.ast.CreateUser;
import dev.basalt.sql.ast.DropUser;
import dev.basalt.sql.ast.Grant;
import dev.basalt.sql.ast.GrantTarget;
import dev.basalt.sql.ast.PrivilegeItem;
import dev.basalt.sql.ast.RenameUser;
import dev.basalt.sql.ast.RequireClause;
import dev.basalt.sql.ast.Revoke;
import dev.basalt.sql.ast.SetPassword;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.UserAuth;
import dev.basalt.sql.ast.UserSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Account management and privileges: CREATE/ALTER/DROP/RENAME USER, SET PASSWORD, GRANT and
 * REVOKE. The caller has consumed the leading verb (CREATE, ALTER, ...) except for GRANT,
 * REVOKE and SET, which these methods read themselves.
 */
abstract class AccountParser extends ProgramParser {

    AccountParser(String sql, Dialect dialect, ParserOptions options) {
        super(sql, dialect, options);
    }

    /** True when the tokens ahead start an account statement after the verb at offset 0. */
    protected final boolean atUserAfterVerb() {
        return atAt(1, Keyword.USER);
    }

    // ---------------------------------------------------------------- users

    protected final Statement createUser() {
        expect(Keyword.USER);
        boolean ifNotExists = false;
        if (accept(Keyword.IF)) {
            expect(Keyword.NOT);
            expect(Keyword.EXISTS);
            ifNotExists = true;
        }
        List<UserAuth> users = userAuthList();
        AccountOptions options = accountOptions();
        return new CreateUser(users, ifNotExists, options.locked(), options.require());
    }

    protected final Statement alterUser() {
        expect(Keyword.USER);
        boolean ifExists = false;
        if (accept(Keyword.IF)) {
            expect(Keyword.EXISTS);
            ifExists = true;
        }
        List<UserAuth> users = userAuthList();
        AccountOptions options = accountOptions();
        return new AlterUser(users, ifExists, options.locked(), options.require());
    }

    protected final Statement dropUser() {
        expect(Keyword.USER);
        boolean ifExists = false;
        if (accept(Keyword.IF)) {
            expect(Keyword.EXISTS);
            ifExists = true;
        }
        return new DropUser(userList(), ifExists);
    }

    protected final Statement renameUser() {
        expect(Keyword.USER);
        List<UserSpec> from = new ArrayList<>(), to = new ArrayList<>();
        do {
            from.add(userSpec());
            expect(Keyword.TO);
            to.add(userSpec());
        } while (accept(TokenType.COMMA));
        return new RenameUser(List.copyOf(from), List.copyOf(to));
    }

    /** {@code SET PASSWORD [FOR user] = 'text'}. */
    protected final Statement setPassword() {
        expect(Keyword.SET);
        expect(Keyword.PASSWORD);
        UserSpec user = null;
        if (accept(Keyword.FOR)) user = userSpec();
        if (!accept(TokenType.EQ) && !accept(TokenType.ASSIGN)) throw error();
        if (at(Keyword.PASSWORD) && atAt(1, TokenType.LPAREN)) {
            throw unsupported("PASSWORD() function (removed in MySQL 8.0)");
        }
        return new SetPassword(user, expect(TokenType.STRING).value());
    }

    private List<UserAuth> userAuthList() {
        List<UserAuth> users = new ArrayList<>();
        do {
            UserSpec user = userSpec();
            String plugin = null, password = null, hash = null;
            if (acceptWord("IDENTIFIED")) {
                if (accept(Keyword.WITH)) plugin = identifierOrString().toLowerCase(Locale.ROOT);
                if (accept(Keyword.BY)) {
                    if (acceptWord("RANDOM")) throw unsupported("IDENTIFIED BY RANDOM PASSWORD");
                    password = expect(TokenType.STRING).value();
                } else if (plugin != null && accept(Keyword.AS)) {
                    hash = storedHash();
                } else if (plugin == null) {
                    throw error();
                }
            }
            users.add(new UserAuth(user, plugin, password, hash));
        } while (accept(TokenType.COMMA));
        return List.copyOf(users);
    }

    /**
     * {@code AS 'hash'} or {@code AS 0x...} (how MySQL prints salted hashes holding unprintable
     * bytes): the stored authentication string, one char per byte.
     */
    private String storedHash() {
        if (at(TokenType.HEX)) {
            String digits = advance().value();
            byte[] bytes = java.util.HexFormat.of().parseHex(digits.length() % 2 == 0 ? digits : "0" + digits);
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        String text = expect(TokenType.STRING).value();
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The options after the account list; null where not written. */
    private record AccountOptions(Boolean locked, RequireClause require) {}

    /**
     * ACCOUNT LOCK / UNLOCK and the REQUIRE clause (others such as PASSWORD EXPIRE are refused
     * honestly). MySQL's dumps write the defaults PASSWORD EXPIRE DEFAULT, PASSWORD HISTORY
     * DEFAULT, PASSWORD REUSE INTERVAL DEFAULT and PASSWORD REQUIRE CURRENT DEFAULT: those are
     * accepted as the no-ops they are here.
     */
    private AccountOptions accountOptions() {
        Boolean locked = null;
        RequireClause require = null;
        while (!atStatementEndToken()) {
            if (acceptWord("ACCOUNT")) {
                if (acceptWord("LOCK")) locked = true;
                else if (acceptWord("UNLOCK")) locked = false;
                else throw error();
            } else if (accept(Keyword.REQUIRE) || acceptWord("REQUIRE")) {
                require = requireClause();
            } else if (atDefaultPasswordOption()) {
                continue;
            } else if (at(Keyword.PASSWORD) || at(Keyword.WITH) || atWord("FAILED_LOGIN_ATTEMPTS")
                    || atWord("PASSWORD_LOCK_TIME") || atWord("COMMENT") || atWord("ATTRIBUTE") || at(Keyword.DEFAULT)) {
                throw unsupported("CREATE/ALTER USER option " + upperText(peek()));
            } else {
                throw error();
            }
        }
        return new AccountOptions(locked, require);
    }

    /** After REQUIRE: NONE, SSL, X509 or ISSUER / SUBJECT / CIPHER 'text' joined by optional AND. */
    private RequireClause requireClause() {
        if (accept(Keyword.NONE) || acceptWord("NONE")) return RequireClause.NONE;
        if (accept(Keyword.SSL) || acceptWord("SSL")) return RequireClause.SSL;
        if (acceptWord("X509")) return RequireClause.X509;
        String issuer = null, subject = null, cipher = null;
        boolean any = false;
        while (true) {
            if (acceptWord("ISSUER")) issuer = expect(TokenType.STRING).value();
            else if (acceptWord("SUBJECT")) subject = expect(TokenType.STRING).value();
            else if (acceptWord("CIPHER")) cipher = expect(TokenType.STRING).value();
            else if (!any) throw error();
            else return new RequireClause("SPECIFIED", issuer, subject, cipher);
            any = true;
            accept(Keyword.AND);
        }
    }

    /** Consumes a PASSWORD option whose value is DEFAULT (what SHOW CREATE USER writes); false otherwise. */
    private boolean atDefaultPasswordOption() {
        if (!at(Keyword.PASSWORD)) return false;
        int k = 1;
        String second = upperText(peek(k));
        if (second.equals("EXPIRE") || second.equals("HISTORY")) k = 2;
        else if (second.equals("REUSE") && upperText(peek(2)).equals("INTERVAL")) k = 3;
        else if (second.equals("REQUIRE") && upperText(peek(2)).equals("CURRENT")) k = 3;
        else return false;
        if (!peek(k).is(Keyword.DEFAULT)) return false;
        for (int i = 0; i <= k; i++) advance();
        return true;
    }

    private boolean atStatementEndToken() {
        return at(TokenType.SEMICOLON) || at(TokenType.EOF);
    }

    private List<UserSpec> userList() {
        List<UserSpec> users = new ArrayList<>();
        do {
            users.add(userSpec());
        } while (accept(TokenType.COMMA));
        return List.copyOf(users);
    }

    /** {@code 'user'@'host'}, {@code user}, or {@code CURRENT_USER[()]}. */
    protected final UserSpec userSpec() {
        if (accept(Keyword.CURRENT_USER)) {
            if (accept(TokenType.LPAREN)) expect(TokenType.RPAREN);
            return UserSpec.CURRENT;
        }
        Token t = peek();
        if (t.type != TokenType.IDENT && t.type != TokenType.QUOTED_IDENT && t.type != TokenType.STRING) throw error();
        advance();
        String host = at(TokenType.USER_VAR) ? advance().value() : null;
        return UserSpec.of(t.value(), host);
    }

    /** {@code SHOW GRANTS [FOR user [USING role, ...]]}. */
    protected final Statement showGrants() {
        expect(Keyword.SHOW);
        expect(Keyword.GRANTS);
        UserSpec user = null;
        if (accept(Keyword.FOR)) user = userSpec();
        if (acceptWord("USING")) throw unsupported("SHOW GRANTS ... USING");
        return new dev.basalt.sql.ast.ShowGrants(user);
    }

    /** After ALTER: {@code INSTANCE RELOAD TLS [FOR CHANNEL mysql_main] [NO ROLLBACK ON ERROR]}. */
    @Override
    protected final Statement alterInstance() {
        advance(); // INSTANCE
        if (!(acceptWord("RELOAD") && acceptWord("TLS"))) {
            throw unsupported("ALTER INSTANCE " + upperText(peek()) + " (only RELOAD TLS)");
        }
        if (accept(Keyword.FOR)) {
            if (!acceptWord("CHANNEL")) throw error();
            String channel = identifier();
            if (!channel.equalsIgnoreCase("mysql_main")) throw unsupported("TLS channel " + channel + " (only mysql_main)");
        }
        boolean rollback = true;
        if (acceptWord("NO")) {
            if (!(acceptWord("ROLLBACK") && accept(Keyword.ON) && acceptWord("ERROR"))) throw error();
            rollback = false;
        }
        if (!atStatementEndToken()) throw error();
        return new dev.basalt.sql.ast.AlterInstance(rollback);
    }

    protected final boolean atShowCreateUser() {
        return atAt(1, Keyword.CREATE) && atAt(2, Keyword.USER);
    }

    /** {@code SHOW CREATE USER user}. */
    protected final Statement showCreateUser() {
        expect(Keyword.SHOW);
        expect(Keyword.CREATE);
        expect(Keyword.USER);
        UserSpec user = userSpec();
        if (!atStatementEndToken()) throw error();
        return new dev.basalt.sql.ast.ShowCreateUser(user);
    }

    // ---------------------------------------------------------------- GRANT / REVOKE

    protected final Statement grant() {
        expect(Keyword.GRANT);
        List<PrivilegeItem> privileges = privilegeList();
        if (accept(Keyword.TO)) {
            List<UserSpec> users = userList();
            if (at(Keyword.WITH)) throw unsupported("WITH ADMIN OPTION");
            return new Grant(List.of(), null, roleSpecs(privileges), users, false);
        }
        expect(Keyword.ON);
        GrantTarget target = grantTarget();
        expect(Keyword.TO);
        List<UserSpec> users = userList();
        boolean grantOption = false;
        if (accept(Keyword.WITH)) {
            expect(Keyword.GRANT);
            if (!acceptWord("OPTION")) throw error();
            grantOption = true;
        }
        if (!atStatementEndToken()) throw error();
        return new Grant(privileges, target, List.of(), users, grantOption);
    }

    protected final Statement revoke() {
        expect(Keyword.REVOKE);
        if (accept(Keyword.IF)) throw unsupported("REVOKE IF EXISTS");
        List<PrivilegeItem> privileges = privilegeList();
        boolean grantOption = privileges.stream().anyMatch(p -> p.name().equals("GRANT OPTION"));
        if (accept(Keyword.FROM)) {
            boolean all = privileges.size() == 2 && privileges.get(0).name().equals("ALL") && grantOption;
            if (!all) return new dev.basalt.sql.ast.RevokeRole(roleSpecs(privileges), userList());
            return new Revoke(List.of(), null, userList(), true, true);
        }
        expect(Keyword.ON);
        GrantTarget target = grantTarget();
        expect(Keyword.FROM);
        List<UserSpec> users = userList();
        List<PrivilegeItem> plain = privileges.stream().filter(p -> !p.name().equals("GRANT OPTION")).toList();
        return new Revoke(plain, target, users, grantOption, false);
    }

    /** Privilege names: words up to a comma, '(' or ON/TO/FROM; "ALL PRIVILEGES" becomes "ALL". */
    private List<PrivilegeItem> privilegeList() {
        List<PrivilegeItem> items = new ArrayList<>();
        do {
            StringBuilder name = new StringBuilder();
            Token first = peek();
            int words = 0;
            while (at(TokenType.IDENT) && !at(Keyword.ON) && !at(Keyword.TO) && !at(Keyword.FROM)) {
                if (!name.isEmpty()) name.append(' ');
                name.append(upperText(advance()));
                words++;
            }
            if (words == 1 && (at(TokenType.USER_VAR) || ((at(TokenType.COMMA) || at(Keyword.TO) || at(Keyword.FROM))
                    && isRoleContext()))) {
                // a role name (GRANT r TO u / REVOKE r FROM u): keep its case and host
                String host = at(TokenType.USER_VAR) ? advance().value() : null;
                items.add(new PrivilegeItem(first.value() + "\0" + (host == null ? "%" : host), List.of()));
                continue;
            }
            if (name.isEmpty()) {
                // a quoted role name
                if (at(TokenType.STRING) || at(TokenType.QUOTED_IDENT)) {
                    UserSpec role = userSpec();
                    items.add(new PrivilegeItem(role.user() + "\0" + role.host(), List.of()));
                    continue;
                }
                throw error();
            }
            List<String> columns = at(TokenType.LPAREN) ? parenthesizedIdentifiers() : List.of();
            String n = name.toString();
            if (n.equals("ALL PRIVILEGES")) n = "ALL";
            items.add(new PrivilegeItem(n, columns));
        } while (accept(TokenType.COMMA));
        return List.copyOf(items);
    }

    /** Whether the privilege list being read is a role list (no ON follows before TO/FROM). */
    private boolean isRoleContext() {
        for (int k = 0; ; k++) {
            Token t = peek(k);
            if (t.type == TokenType.EOF || t.type == TokenType.SEMICOLON) return false;
            if (t.is(Keyword.ON)) return false;
            if (t.is(Keyword.TO) || t.is(Keyword.FROM)) return true;
        }
    }

    /** Role names kept by the privilege list as "name\0host" (roles written without a host get '%'). */
    static List<UserSpec> roleSpecs(List<PrivilegeItem> items) {
        List<UserSpec> out = new ArrayList<>();
        for (PrivilegeItem p : items) {
            int nul = p.name().indexOf('\0');
            out.add(nul < 0 ? UserSpec.of(p.name(), null) : UserSpec.of(p.name().substring(0, nul), p.name().substring(nul + 1)));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- roles

    protected final boolean atRoleAfterVerb() {
        Token t = peek(1);
        return t.type == TokenType.IDENT && upperText(t).equals("ROLE");
    }

    protected final Statement createRole() {
        advance(); // ROLE
        boolean ifNotExists = false;
        if (accept(Keyword.IF)) {
            expect(Keyword.NOT);
            expect(Keyword.EXISTS);
            ifNotExists = true;
        }
        return new dev.basalt.sql.ast.CreateRole(userList(), ifNotExists);
    }

    protected final Statement dropRole() {
        advance(); // ROLE
        boolean ifExists = false;
        if (accept(Keyword.IF)) {
            expect(Keyword.EXISTS);
            ifExists = true;
        }
        return new dev.basalt.sql.ast.DropRole(userList(), ifExists);
    }

    /** True at {@code SET ROLE} or {@code SET DEFAULT ROLE}. */
    protected final boolean atSetRole() {
        Token t1 = peek(1), t2 = peek(2);
        return (t1.type == TokenType.IDENT && upperText(t1).equals("ROLE"))
                || (t1.is(Keyword.DEFAULT) && t2.type == TokenType.IDENT && upperText(t2).equals("ROLE"));
    }

    protected final Statement setRole() {
        expect(Keyword.SET);
        boolean isDefault = accept(Keyword.DEFAULT);
        advance(); // ROLE
        String mode = "LIST";
        List<UserSpec> roles = List.of();
        if (accept(Keyword.NONE)) mode = "NONE";
        else if (accept(Keyword.ALL)) {
            mode = "ALL";
            if (acceptWord("EXCEPT")) throw unsupported("SET ROLE ALL EXCEPT");
        } else if (!isDefault && accept(Keyword.DEFAULT)) mode = "DEFAULT";
        else roles = userList();
        List<UserSpec> users = List.of();
        if (isDefault) {
            expect(Keyword.TO);
            users = userList();
        }
        return new dev.basalt.sql.ast.SetRole(isDefault, mode, roles, users);
    }

    private GrantTarget grantTarget() {
        String type = "TABLE";
        if (accept(Keyword.TABLE)) type = "TABLE";
        else if (accept(Keyword.PROCEDURE)) type = "PROCEDURE";
        else if (accept(Keyword.FUNCTION)) type = "FUNCTION";
        if (accept(TokenType.STAR)) {
            if (accept(TokenType.DOT)) {
                expect(TokenType.STAR);
                return new GrantTarget(type, "*", "*");
            }
            return new GrantTarget(type, null, "*");
        }
        String first = identifier();
        if (accept(TokenType.DOT)) {
            if (accept(TokenType.STAR)) return new GrantTarget(type, first, "*");
            return new GrantTarget(type, first, anyWord());
        }
        return new GrantTarget(type, null, first);
    }
}
