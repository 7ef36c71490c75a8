package dev.basalt.remote.vdb;

import dev.basalt.engine.api.SqlException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VdbSpecTest {

    @Test
    void parsesTheDocumentedForm() {
        VdbSpec s = VdbSpec.parseName("crm__remote__127_0_0_1__3307__crm__reader__s3cret");
        assertEquals(new VdbSpec("crm", "127.0.0.1", 3307, "crm", "reader", "s3cret"), s);
        assertEquals(s, VdbSpec.decode(s.encode()));
    }

    @Test
    void emptyPasswordAndPasswordsWithSeparators() {
        assertEquals("", VdbSpec.parseName("a__remote__db_example_com__3306__x__root__").password());
        assertEquals("db.example.com", VdbSpec.parseName("a__remote__db_example_com__3306__x__root__").host());
        assertEquals("p__w_d", VdbSpec.parseName("a__remote__h__1__x__u__p__w_d").password());
        VdbSpec noPassword = VdbSpec.parseName("a__remote__h__1__x__u");
        assertEquals("", noPassword.password());
    }

    @Test
    void ordinaryNamesAreNotClaimedAndBadOnesAreRefused() {
        assertNull(VdbSpec.parseName("plain_db"));
        assertThrows(SqlException.class, () -> VdbSpec.parseName("a__remote__h__notaport__x__u__p"));
        assertThrows(SqlException.class, () -> VdbSpec.parseName("__remote__h__1__x__u__p"));
        SqlException e = assertThrows(SqlException.class, () -> VdbSpec.parseName("a__remote__h__x__db__u__topsecret"));
        assertFalse(e.getMessage().contains("topsecret"));
    }

    @Test
    void maskingHidesOnlyThePassword() {
        String m = VdbSpec.mask("CREATE DATABASE `crm__remote__127_0_0_1__3307__crm__reader__s3cret` /* x */");
        assertEquals("CREATE DATABASE `crm__remote__127_0_0_1__3307__crm__reader__***` /* x */", m);
        assertFalse(VdbSpec.mask("create database a__remote__h__1__d__u__p__q;").contains("p__q"));
        assertEquals("SELECT 1", VdbSpec.mask("SELECT 1"));
        assertTrue(VdbSpec.decode(VdbSpec.parseName("a__remote__h__1__d__u__pw").encode()).toString().indexOf("pw") < 0);
    }

    /** {@code alias__remote__SSLMODE__HOST__...}: the TLS mode first, kept in the catalog, never taken for a host. */
    @Test
    void aTlsModeFieldBeforeTheHost() {
        VdbSpec s = VdbSpec.parseName("crm__remote__verify_identity__db_example_com__3306__crm__reader__s3__cret");
        assertEquals(new VdbSpec("crm", "db.example.com", 3306, "crm", "reader", "s3__cret",
                dev.basalt.remote.tls.RemoteTls.Mode.VERIFY_IDENTITY), s);
        assertEquals(s, VdbSpec.decode(s.encode()));
        assertEquals(dev.basalt.remote.tls.RemoteTls.Mode.REQUIRED, VdbSpec.parseName("a__remote__REQUIRED__h__1__d__u__p").sslMode());
        // a host that happens to be spelled like a mode, followed by its port: the classic form
        VdbSpec host = VdbSpec.parseName("a__remote__required__3306__d__u__p");
        assertEquals("required", host.host());
        assertNull(host.sslMode());
        // the server's CA and client certificate, the name's mode
        var server = new dev.basalt.remote.tls.RemoteTls(dev.basalt.remote.tls.RemoteTls.Mode.VERIFY_CA, java.nio.file.Path.of("/ca.pem"));
        assertEquals(new dev.basalt.remote.tls.RemoteTls(dev.basalt.remote.tls.RemoteTls.Mode.VERIFY_IDENTITY, java.nio.file.Path.of("/ca.pem")),
                s.withServerTls(server).tls());
        assertEquals(server, VdbSpec.parseName("a__remote__h__1__d__u__p").withServerTls(server).tls());
        String m = VdbSpec.mask("CREATE DATABASE crm__remote__required__h__1__d__reader__s3cret");
        assertFalse(m.contains("s3cret"), m);
    }
}
