package dev.basalt.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteTlsTest {
    @Test
    void modesAreTheMysqlClientsSpellings() {
        assertEquals(RemoteTls.Mode.VERIFY_IDENTITY, RemoteTls.Mode.parse("verify-identity"));
        assertEquals(RemoteTls.Mode.VERIFY_CA, RemoteTls.Mode.parse("VERIFY_CA"));
        assertEquals(RemoteTls.DISABLED, RemoteTls.of("", ""));
        assertThrows(IllegalArgumentException.class, () -> RemoteTls.Mode.parse("on"));
        assertTrue(RemoteTls.of("required", null).required());
        assertFalse(RemoteTls.of("preferred", null).required());
    }

    /** Virtual databases hand the same choice to Connector/J. */
    @Test
    void connectorJOptions() {
        assertEquals(Map.of("sslMode", "disable"), RemoteTls.DISABLED.connectorJOptions());
        assertEquals(Map.of("sslMode", "allow"), RemoteTls.of("preferred", "").connectorJOptions());
        assertEquals(Map.of("sslMode", "trust"), RemoteTls.of("required", "").connectorJOptions());
        assertEquals(Map.of("sslMode", "verify-full"), RemoteTls.of("verify-identity", "").connectorJOptions());
    }

    @Test
    void aMissingCaFileFailsAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteTls.of("verify-ca", "/nonexistent/ca.pem"));
        assertTrue(e.getMessage().contains("/nonexistent/ca.pem"), e.getMessage());
    }
}
