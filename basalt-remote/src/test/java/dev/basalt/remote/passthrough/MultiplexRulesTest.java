package dev.basalt.remote.passthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sharing, replay and pinning rules of multiplexed passthrough, from the data file passthrough/multiplex-rules.txt. */
class MultiplexRulesTest {
    private static byte[] query(String sql) {
        return command(0x03, sql);
    }

    private static byte[] command(int code, String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[text.length + 1];
        p[0] = (byte) code;
        System.arraycopy(text, 0, p, 1, text.length);
        return p;
    }

    @Test
    void statementsFromTheDataFile() throws IOException {
        int n = 0;
        try (InputStream in = getClass().getResourceAsStream("/passthrough/multiplex-rules.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", 2);
                byte[] p = query(f[1]);
                assertEquals(MultiplexRules.Effect.valueOf(f[0].toUpperCase()), MultiplexRules.effect(p, 0, p.length), f[1]);
                n++;
            }
        }
        assertTrue(n > 30);
    }

    @Test
    void otherCommands() {
        assertEquals(MultiplexRules.Effect.SHARE, MultiplexRules.effect(new byte[]{0x0e}, 0, 1), "COM_PING");
        assertEquals(MultiplexRules.Effect.PIN, MultiplexRules.effect(new byte[]{0x16, 'S'}, 0, 2), "COM_STMT_PREPARE of no statement");
        assertEquals(MultiplexRules.Effect.SHARE, MultiplexRules.effect(command(0x16, "SELECT c FROM t WHERE id = ?"), 0, 29),
                "prepared statements move with their client");
        assertEquals(MultiplexRules.Effect.PIN, MultiplexRules.effect(command(0x16, "SELECT @x + ?"), 0, 14), "user variable");
        assertEquals(MultiplexRules.Effect.PIN, MultiplexRules.effect(command(0x16, "SET sql_mode = ?"), 0, 17),
                "a prepared SET is not replayed");
        assertEquals(MultiplexRules.Effect.SHARE, MultiplexRules.effect(command(0x16, "BEGIN"), 0, 6), "sysbench prepares BEGIN");
        assertEquals(MultiplexRules.Effect.BEGIN, MultiplexRules.executionEffect(command(0x16, "BEGIN"), 0, 6));
        assertEquals(MultiplexRules.Effect.END, MultiplexRules.executionEffect(command(0x16, "COMMIT"), 0, 7));
        assertEquals(MultiplexRules.Effect.SHARE, MultiplexRules.executionEffect(command(0x16, "SELECT ?"), 0, 9));
        assertEquals(MultiplexRules.Effect.SHARE, MultiplexRules.effect(new byte[]{0x17, 1, 0, 0, 0}, 0, 5), "COM_STMT_EXECUTE");
        assertEquals(MultiplexRules.Effect.SHARE, MultiplexRules.effect(new byte[]{0x19, 1, 0, 0, 0}, 0, 5), "COM_STMT_CLOSE");
        assertEquals(MultiplexRules.Effect.PIN, MultiplexRules.effect(new byte[]{0x18, 1, 0, 0, 0}, 0, 5),
                "long data waits on its backend");
        assertEquals(MultiplexRules.Effect.PIN, MultiplexRules.effect(new byte[]{0x02, 'd'}, 0, 2), "COM_INIT_DB");
    }
}
