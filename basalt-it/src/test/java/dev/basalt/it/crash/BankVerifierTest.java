package dev.basalt.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash verifier must notice lost acknowledged transfers and half-applied ones (checked on MariaDB). */
class BankVerifierTest {
    @Test
    void detectsLostAndHalfAppliedTransfers() throws Exception {
        MariaDbServer db = MariaDbFixture.require();
        BankWorkload bank = new BankWorkload();
        bank.setup(db);
        try (Connection c = BankWorkload.connect(db, BankWorkload.DB); Statement s = c.createStatement()) {
            s.execute("UPDATE accounts SET bal = bal - 5 WHERE id = 1");
            s.execute("UPDATE accounts SET bal = bal + 5 WHERE id = 2");
            s.execute("INSERT INTO journal VALUES (1, 1, 2, 5)");
            bank.acknowledged.add(1L);
            assertEquals(List.of(), bank.verify(db));

            bank.acknowledged.add(2L); // acknowledged but absent: lost
            List<String> problems = bank.verify(db);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("acknowledged transfers are missing"));

            bank.acknowledged.remove(2L);
            s.execute("UPDATE accounts SET bal = bal + 7 WHERE id = 3"); // credit without debit or journal
            problems = bank.verify(db);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("account 3")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("total balance")), problems.toString());
            s.execute("DROP DATABASE " + BankWorkload.DB);
        }
    }
}
