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
}
