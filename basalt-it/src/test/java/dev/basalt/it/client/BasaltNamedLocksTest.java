package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The named-lock contract on Basalt, plus MySQL 8's name rules. */
class BasaltNamedLocksTest extends NamedLocksContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }

    @Override
    int userLockDeadlockError() {
        return 3058;
    }

    /** MySQL 8 limits lock names to 64 characters and refuses the empty name: 3057 / 42000. */
    @Test
    void wrongNamesGet3057() throws Exception {
        try (Connection a = endpoint().connect(""); Statement sa = a.createStatement()) {
            assertEquals(1L, number(sa, "SELECT GET_LOCK(REPEAT('n', 64), 0)"));
            for (String sql : new String[] {"SELECT GET_LOCK(REPEAT('n', 65), 0)", "SELECT GET_LOCK('', 0)",
                "SELECT IS_FREE_LOCK(REPEAT('n', 65))"}) {
                SQLException e = assertThrows(SQLException.class, () -> number(sa, sql));
                assertEquals(3057, e.getErrorCode(), sql);
                assertEquals("42000", e.getSQLState(), sql);
            }
            assertEquals(1L, number(sa, "SELECT RELEASE_ALL_LOCKS()"));
        }
    }
}
