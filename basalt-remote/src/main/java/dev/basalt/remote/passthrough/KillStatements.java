package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.sql.ast.Kill;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.parser.MySqlParser;

/**
 * KILL through passthrough. Clients know Basalt's connection ids (the handshake's; what drivers
 * use to cancel a statement), not the remote's thread ids, so KILL n and COM_PROCESS_KILL name a
 * Basalt connection; it is translated to that connection's backend thread. An id that is not a
 * Basalt connection is refused (1094) rather than passed on, where it would name some other
 * client's thread on the remote.
 */
final class KillStatements {
    private KillStatements() {}

    static final int ER_NO_SUCH_THREAD = 1094;

    /** A KILL statement's target. */
    record Target(long connectionId, boolean queryOnly) {}

    /** The KILL in {@code sql}, or null when it is not a single KILL of a literal id. */
    static Target parse(byte[] sql, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && Character.isWhitespace(sql[i])) i++;
        // every COM_QUERY passes here: compare bytes, allocate nothing unless it starts with KILL
        if (end - i < 4 || (sql[i] | 0x20) != 'k' || (sql[i + 1] | 0x20) != 'i' || (sql[i + 2] | 0x20) != 'l'
                || (sql[i + 3] | 0x20) != 'l') {
            return null;
        }
        try {
            Statement s = MySqlParser.parseOne(new String(sql, offset, length, java.nio.charset.StandardCharsets.UTF_8));
            if (s instanceof Kill k && k.connectionId() instanceof NumberLiteral n) {
                return new Target(Long.parseLong(n.text()), k.queryOnly());
            }
        } catch (RuntimeException e) {
            // not a plain KILL: the remote answers it
        }
        return null;
    }

    static SqlException unknownThread(long id) {
        return new SqlException(ER_NO_SUCH_THREAD, "HY000", "Unknown thread id: " + id);
    }
}
