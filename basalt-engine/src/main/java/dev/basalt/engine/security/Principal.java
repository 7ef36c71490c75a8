package dev.basalt.engine.security;

/**
 * Who a session acts as: the account it logged in as ({@code 'user'@'host'}, the host being the
 * account's pattern, not the client's address). Privileges are read from {@link Accounts} on each
 * check, so GRANT and REVOKE apply to open sessions at once; a dropped account has none.
 *
 * @param superuser root (and sessions the engine opens for itself): every check passes
 */
public record Principal(String user, String host, boolean superuser) {
    public static final Principal INTERNAL = new Principal(Accounts.ROOT, "%", true);

    public Grants grants(Accounts accounts) {
        if (superuser) return Grants.everything();
        return accounts.get(user, host).map(Account::grants).orElse(Grants.NONE);
    }
}
