package dev.basalt.sql.ast;

/**
 * {@code REQUIRE NONE | SSL | X509 | [ISSUER 'i'] [AND] [SUBJECT 's'] [AND] [CIPHER 'c']} of
 * CREATE/ALTER USER, as mysql.user's ssl_type says it: "" (NONE), "ANY" (SSL), "X509" or
 * "SPECIFIED" with the written parts (null where not written).
 */
public record RequireClause(String type, String issuer, String subject, String cipher) {
    public static final RequireClause NONE = new RequireClause("", null, null, null);
    public static final RequireClause SSL = new RequireClause("ANY", null, null, null);
    public static final RequireClause X509 = new RequireClause("X509", null, null, null);
}
