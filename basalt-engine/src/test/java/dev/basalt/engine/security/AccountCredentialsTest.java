package dev.basalt.engine.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.api.ScramVerifier;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.TlsRequirement;
import dev.basalt.engine.api.UserAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** An account's credentials beyond the MySQL hashes: SCRAM verifiers, TLS requirements, restored hashes. */
class AccountCredentialsTest {

    @Test
    void scramVerifierMatchesRfc7677Example() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramVerifier v = ScramVerifier.create("pencil", salt, 4096);
        String nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,r=" + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=" + nonce;
        byte[] auth = authMessage.getBytes(StandardCharsets.UTF_8);
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] signature = ScramVerifier.hmac(v.storedKey(), auth);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) clientKey[i] = (byte) (proof[i] ^ signature[i]);
        assertArrayEquals(v.storedKey(), UserAccount.digest("SHA-256", clientKey));
        assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
                Base64.getEncoder().encodeToString(ScramVerifier.hmac(v.serverKey(), auth)));
        // PostgreSQL's text form round-trips
        ScramVerifier back = ScramVerifier.parse(v.encode());
        assertTrue(v.encode().startsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"));
        assertArrayEquals(v.serverKey(), back.serverKey());
        assertNull(ScramVerifier.parse("md5abc"));
    }

    @Test
    void aPasswordIsStoredSaltedOnly() {
        Account a = Account.create("u", "%", Account.CACHING_SHA2, "pw-1");
        Account b = Account.create("v", "%", Account.CACHING_SHA2, "pw-1");
        // MySQL 8's form, a fresh salt each time: the same password gives different hashes
        assertTrue(a.authenticationString().startsWith("$A$005$"), a.authenticationString());
        assertEquals(70, a.authenticationString().length());
        assertFalse(a.authenticationString().equals(b.authenticationString()));
        // the catalog record holds neither SHA-256(pw) (caching_sha2's fast path needs nothing more) nor SHA1(SHA1(pw))
        String record = new String(a.encode(), StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
        byte[] pw = "pw-1".getBytes(StandardCharsets.UTF_8);
        assertFalse(record.contains(HexFormat.of().formatHex(UserAccount.digest("SHA-256", pw))), record);
        assertFalse(record.contains(HexFormat.of().formatHex(UserAccount.digest("SHA-1", UserAccount.digest("SHA-1", pw)))), record);
        // read back, the password still checks (against the salted hash) and SCRAM still works
        Account back = Account.decode(a.encode());
        assertEquals(0, back.sha256Hash().length);
        assertTrue(back.forLogin().matchesCleartext("pw-1"));
        assertFalse(back.forLogin().matchesCleartext("pw-2"));
        assertEquals(a.authenticationString(), back.authenticationString());
        assertEquals(a.scram().encode(), back.scram().encode());
        // a native account keeps MySQL's native hash (what mysql.user holds for it) and the salted one
        Account n = Account.decode(Account.create("n", "%", Account.NATIVE, "pw-1").encode());
        assertTrue(n.authenticationString().startsWith("*"));
        assertTrue(n.withHash(Account.NATIVE, n.authenticationString()).forLogin().matchesCleartext("pw-1"));
        assertTrue(n.sha2Crypt().matches("pw-1"));
    }

    @Test
    void distinguishedNamesInOpenSslsOneLineForm() {
        assertEquals("/C=SE/ST=Stockholm/O=MySQL/CN=Client",
                TlsRequirement.oneLine(new X500Principal("CN=Client, O=MySQL, ST=Stockholm, C=SE")));
        assertEquals("/O=Basalt/emailAddress=a@b.c/CN=alice",
                TlsRequirement.oneLine(new X500Principal("CN=alice, EMAILADDRESS=a@b.c, O=Basalt")));
    }

    @Test
    void requirementsWithoutACertificate() {
        assertTrue(TlsRequirement.NONE.admits(false, null, null));
        assertFalse(TlsRequirement.SSL.admits(false, null, null));
        assertTrue(TlsRequirement.SSL.admits(true, "TLS_AES_256_GCM_SHA384", null));
        assertFalse(TlsRequirement.X509.admits(true, "TLS_AES_256_GCM_SHA384", null));
        assertTrue(TlsRequirement.specified(null, null, "TLS_AES_256_GCM_SHA384").admits(true, "TLS_AES_256_GCM_SHA384", null));
        assertFalse(TlsRequirement.specified(null, null, "AES256-SHA").admits(true, "TLS_AES_256_GCM_SHA384", null));
        assertEquals("REQUIRE ISSUER '/CN=a' SUBJECT '/CN=it''s'".replace("''", "\\'"),
                TlsRequirement.specified("/CN=a", "/CN=it's", null).clause());
    }

    @Test
    void everyFormSurvivesTheCatalogRecord() {
        Account a = Account.create("u", "%", Account.CACHING_SHA2, "pw")
                .withTls(TlsRequirement.specified("/CN=ca", null, "AES256-SHA")).withRoles(List.of("r\0%"), List.of());
        Account back = Account.decode(a.encode());
        assertEquals(a.tls(), back.tls());
        assertEquals(a.scram().encode(), back.scram().encode());
        assertEquals(a.sha2Crypt(), back.sha2Crypt());
        assertEquals(List.of("r\0%"), back.roles());
        // an account without the new parts is still written in the old form
        assertTrue(new String(Account.create("v", "%", Account.NATIVE, "").encode(), StandardCharsets.UTF_8).startsWith("v2\n"));
        assertEquals(TlsRequirement.SSL, Account.decode(Account.create("w", "%", Account.NATIVE, "")
                .withTls(TlsRequirement.SSL).encode()).tls());
    }

    @Test
    void restoredHashesLogInWithTheirPlugin() {
        Account nat = Account.create("n", "%", Account.NATIVE, "").withHash(Account.NATIVE,
                "*4B075F57ECBC1AC6609688202438BCE20EEECD62");
        assertEquals("*4B075F57ECBC1AC6609688202438BCE20EEECD62", nat.authenticationString());
        assertTrue(nat.forLogin().matchesCleartext("secret-1"));
        assertFalse(nat.forLogin().matchesCleartext("secret-2"));
        assertNull(nat.scram());
        Account sha = Account.create("s", "%", Account.CACHING_SHA2, "").withHash(Account.CACHING_SHA2,
                "$B$F4B6BB6548129DACF11C1A9C4DFFFFEFD4AA6B21FCF4E9754CC03B731CBE7C25");
        assertTrue(sha.forLogin().matchesCleartext("secret-2"));
        assertEquals(1827, assertThrows(SqlException.class, () -> nat.withHash(Account.NATIVE, "*12")).errorCode());
        assertEquals(1827, assertThrows(SqlException.class,
                () -> nat.withHash(Account.CACHING_SHA2, "$A$005$abcdefghijklmnopqrst0123456789")).errorCode());
    }

    @Test
    void mysqlSaltedHashLogsInAndSurvivesTheCatalogRecord() {
        String salted = "$A$005$" + new String(HexFormat.of().parseHex("06437A150142644D74187A6A2F0D7971094F2575"),
                StandardCharsets.ISO_8859_1) + "HfzgHSftZ0OjHzspBPf4e3zu02QWhzQ6J8MsuTBI9p.";
        Account a = Account.create("m", "%", Account.CACHING_SHA2, "").withHash(Account.CACHING_SHA2, salted)
                .withTls(TlsRequirement.SSL);
        assertEquals(salted, a.authenticationString());
        assertTrue(a.forLogin().matchesCleartext("password"));
        assertFalse(a.forLogin().matchesCleartext("secret-2"));
        assertEquals(0, a.forLogin().sha256Hash().length); // no fast path until a full authentication
        Account back = Account.decode(a.encode());
        assertEquals(a.sha2Crypt(), back.sha2Crypt());
        assertEquals(TlsRequirement.SSL, back.tls());
        assertTrue(back.forLogin().matchesCleartext("password"));
        // SHOW CREATE USER writes the unprintable salt as hex, which CREATE USER ... AS 0x... reads back
        assertTrue(ShowCreateUser.text(a).contains(" AS 0x2441243030352406437A"), ShowCreateUser.text(a));
        // a new password replaces the salted hash with a new one (new salt) and every other form again
        Account changed = back.withPassword(null, "other");
        assertTrue(changed.sha2Crypt().matches("other"));
        assertFalse(changed.sha2Crypt().equals(back.sha2Crypt()));
        assertTrue(changed.forLogin().matchesCleartext("other"));
    }
}
