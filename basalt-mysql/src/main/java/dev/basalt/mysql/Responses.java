package dev.basalt.mysql;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.mysql.protocol.PacketWriter;

import java.io.IOException;

/** The three generic server replies: OK, EOF (or its DEPRECATE_EOF replacement) and ERR. */
final class Responses {
    private Responses() {}

    /** Errors the engine's ErrorCode does not list; the protocol layer raises them itself. */
    static final int ER_NO_SUCH_THREAD = 1094;
    static final int ER_KILL_DENIED = 1095;

    static void ok(PacketWriter w, long affectedRows, long lastInsertId, int status, int warnings, String info)
            throws IOException {
        okPacket(w, 0x00, affectedRows, lastInsertId, status, warnings, info);
    }

    /**
     * End of a row stream or field list. With CLIENT_DEPRECATE_EOF this is an OK packet with the
     * 0xFE header; clients tell it from a row because it is shorter than 0xFFFFFF bytes and a row
     * starting with 0xFE would carry an 8-byte length.
     */
    static void eof(PacketWriter w, boolean deprecateEof, int status, int warnings) throws IOException {
        if (deprecateEof) {
            okPacket(w, 0xFE, 0, 0, status, warnings, null);
        } else {
            w.begin().int1(0xFE).int2(Math.min(warnings, 0xFFFF)).int2(status).send();
        }
    }

    static void error(PacketWriter w, int code, String sqlState, String message) throws IOException {
        w.begin().int1(0xFF).int2(code).int1('#').restString(sqlState.length() == 5 ? sqlState : "HY000")
                .restString(message == null ? "" : message).send();
    }

    static void error(PacketWriter w, SqlException e) throws IOException {
        error(w, e.errorCode(), e.sqlState(), e.getMessage());
    }

    static void error(PacketWriter w, ErrorCode code, Object... args) throws IOException {
        error(w, code.code(), code.sqlState(), code.format(args));
    }

    private static void okPacket(PacketWriter w, int header, long affectedRows, long lastInsertId, int status,
                                 int warnings, String info) throws IOException {
        w.begin().int1(header).lenenc(affectedRows).lenenc(lastInsertId).int2(status).int2(Math.min(warnings, 0xFFFF));
        // The protocol docs say string<EOF>, but mysqld stores the info length-prefixed and clients
        // (Connector/J, libmysql, libmariadb) read it that way.
        if (info != null && !info.isEmpty()) w.lenencString(info);
        w.send();
    }
}
