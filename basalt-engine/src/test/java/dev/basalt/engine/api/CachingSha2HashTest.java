package dev.basalt.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * MySQL 8's salted caching_sha2_password hashes ($A$005$...) checked against published vectors:
 * the SHA-crypt specification's own, hashcat's example for its "MySQL $A$ (sha256crypt)" mode and
 * a hash made by a MySQL 8 server for the password "password", as a password-cracking tool's
 * test table publishes it (in hashcat's {@code $mysql$A$005*<salt hex>*<digest hex>} form).
 */
class CachingSha2HashTest {

    static final String MYSQL8_SALT = "06437A150142644D74187A6A2F0D7971094F2575";
    static final String MYSQL8_DIGEST = "48667A67485366745A304F6A487A73704250663465337A7530325157687A51364A384D737554424939702E";

    /** authentication_string as mysql.user holds it: "$A$005$" + the 20 raw salt bytes + the 43-character digest. */
    static String mysql8Hash() {
        byte[] salt = HexFormat.of().parseHex(MYSQL8_SALT);
        byte[] digest = HexFormat.of().parseHex(MYSQL8_DIGEST);
        return "$A$005$" + new String(salt, StandardCharsets.ISO_8859_1) + new String(digest, StandardCharsets.US_ASCII);
    }

    @Test
    void shaCryptSpecificationVectors() {
        // "Unix crypt using SHA-256 and SHA-512", test vectors: $5$saltstring$... for "Hello world!"
        assertEquals("5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
                ShaCrypt.sha256(bytes("Hello world!"), bytes("saltstring"), 5000));
        // $5$rounds=10000$saltstringsaltst$... for "Hello world!" (the spec cuts the salt to 16 characters)
        assertEquals("3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA",
                ShaCrypt.sha256(bytes("Hello world!"), bytes("saltstringsaltst"), 10000));
    }

    @Test
    void hashcatExampleForMySqlSha256Crypt() {
        // hashcat mode 7401 example: $mysql$A$005*F9CC...C5*6254...2F, password "hashcat". Its salt
        // holds a '$' byte, which MySQL never generates (and would cut its salt at), so the full
        // 20 bytes are passed to the algorithm here.
        byte[] salt = HexFormat.of().parseHex("F9CC98CE08892924F50A213B6BC571A2C11778C5");
        String digest = new String(HexFormat.of().parseHex(
                "625479393559393965414D45316477456B484F41316E64484742577A2E3162785353526B7554584647562F"),
                StandardCharsets.US_ASCII);
        assertEquals(digest, ShaCrypt.sha256(bytes("hashcat"), salt, 5000));
    }

    @Test
    void hashMadeByMySql8VerifiesItsPassword() {
        CachingSha2Hash hash = CachingSha2Hash.parse(mysql8Hash());
        assertEquals(5000, hash.rounds());
        assertTrue(hash.matches("password"));
        assertFalse(hash.matches("Password"));
        assertFalse(hash.matches(""));
        assertFalse(hash.printable()); // the salt holds control bytes: SHOW CREATE USER writes 0x...
        assertEquals("0x2441243030352406437A", hash.toString().substring(0, 22));
        assertEquals(hash, CachingSha2Hash.fromHex(hash.hex()));
        assertEquals(mysql8Hash(), hash.text());
    }

    @Test
    void createdHashesVerify() {
        CachingSha2Hash made = CachingSha2Hash.create("s3cret-é", bytes("ABCDEFGHIJKLMNOPQRST"));
        assertTrue(made.text().startsWith("$A$005$ABCDEFGHIJKLMNOPQRST"));
        assertEquals(70, made.text().length());
        assertTrue(made.matches("s3cret-é"));
        assertFalse(made.matches("s3cret-e"));
        assertTrue(made.printable());
    }

    @Test
    void malformedHashesAre1827() {
        // MySQL's placeholder for accounts that must never log in is well-formed: taken, matches nothing
        CachingSha2Hash never = CachingSha2Hash.parse("$A$005$THISISACOMBINATIONOFINVALIDSALTANDPASSWORDTHATMUSTNEVERBRBEUSED");
        assertFalse(never.matches(""));
        for (String bad : new String[]{"$A$005$short", "$A$0zz$" + "x".repeat(63), "$A$005" + "x".repeat(64),
                "$A$005$" + "x".repeat(62) + "!", "$A$000$" + "x".repeat(63),
                "$A$005$" + "x".repeat(19) + "\u0100" + "y".repeat(43)}) {
            assertEquals(1827, assertThrows(SqlException.class, () -> CachingSha2Hash.parse(bad)).errorCode(), bad);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
