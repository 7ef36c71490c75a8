package dev.basalt.pgwire;

import dev.basalt.engine.api.UserAccount;

import javax.net.ssl.SSLSession;

/**
 * The MySQL account options the PostgreSQL port honours before the password, and how PostgreSQL
 * words a refusal. An account's REQUIRE clause plays the part of a pg_hba.conf {@code hostssl}
 * line (REQUIRE SSL) or one with {@code clientcert=verify-ca} (REQUIRE X509 / ISSUER / SUBJECT):
 * PostgreSQL checks those before authentication and answers FATAL 28000.
 */
final class PgAccountRules {
    private PgAccountRules() {}

    static boolean transportAllowed(UserAccount account, SSLSession tls) {
        return account.tls().admits(tls);
    }

    /** PostgreSQL's message for the refusal: no matching hba line, or a missing/wrong client certificate. */
    static String transportRefusal(UserAccount account, SSLSession tls, String host, String user, String database) {
        if (tls != null && account.tls().needsCertificate()) return "connection requires a valid client certificate";
        return noHbaEntry(host, user, database, tls != null);
    }

    /** PostgreSQL's refusal when no pg_hba.conf line admits the connection (e.g. only hostssl lines and no TLS). */
    static String noHbaEntry(String host, String user, String database, boolean encrypted) {
        return "no pg_hba.conf entry for host \"" + host + "\", user \"" + user + "\", database \"" + database + "\", "
                + (encrypted ? "SSL encryption" : "no encryption");
    }
}
