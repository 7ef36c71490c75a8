package dev.basalt.engine.security;

/**
 * Who a session acts as: the account it logged in as ({@code 'user'@'host'}, the host being the
 * account's pattern, not the client's address). Privileges are read from {@link Accounts} on each
 * check, so GRANT and REVOKE apply to open sessions at once; a dropped account has none.
 *
 * @param superuser root (and sessions the engine opens for itself): every check passes
 */
public record Principal(String user, String host, boolean superuser,
                        java.util.concurrent.atomic.AtomicReference<java.util.List<String>> activeRoles) {
    public static final Principal INTERNAL = new Principal(Accounts.ROOT, "%", true);

    public Principal(String user, String host, boolean superuser) {
        this(user, host, superuser, new java.util.concurrent.atomic.AtomicReference<>(java.util.List.of()));
    }

    /** The account's own grants plus those of the session's active roles (SET ROLE; default roles at login). */
    public Grants grants(Accounts accounts) {
        if (superuser) return Grants.everything();
        Account me = accounts.get(user, host).orElse(null);
        if (me == null) return Grants.NONE;
        Grants g = me.grants();
        for (String role : activeRoles.get()) {
            // a role revoked from the account since SET ROLE no longer counts
            if (!me.roles().contains(role)) continue;
            Account r = accounts.byKey(role).orElse(null);
            if (r != null) g = g.union(r.grants());
        }
        return g;
    }
}
