package dev.basalt.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BindPolicyTest {

    @Test
    void loopbackAddresses() {
        for (String a : new String[] {"127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "[::1]", "localhost", "LOCALHOST"}) {
            assertTrue(BindPolicy.isLoopback(a), a);
        }
        // literal addresses only: no DNS involved
        for (String a : new String[] {"0.0.0.0", "::", "192.0.2.1", "10.0.0.1", "128.0.0.1"}) {
            assertFalse(BindPolicy.isLoopback(a), a);
        }
    }

    @Test
    void emptyPasswordIsFineOnLoopback() {
        assertDoesNotThrow(() -> BindPolicy.check(ServerSettings.defaults()));
        assertDoesNotThrow(() -> BindPolicy.check(ServerSettings.defaults().withBind("::1")));
    }

    @Test
    void emptyPasswordOffLoopbackIsRefusedWithHowToFixIt() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> BindPolicy.check(ServerSettings.defaults().withBind("0.0.0.0")));
        String m = e.getMessage();
        assertTrue(m.contains("0.0.0.0") && m.contains("--root-password") && m.contains("BASALT_ROOT_PASSWORD")
                && m.contains("root-password:"), m);
    }

    @Test
    void passwordAllowsAnyAddress() {
        assertDoesNotThrow(() -> BindPolicy.check(ServerSettings.defaults().withBind("0.0.0.0").withRootPassword("x")));
    }
}
