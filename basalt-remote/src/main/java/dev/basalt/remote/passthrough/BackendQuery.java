package dev.basalt.remote.passthrough;

import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.Payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs one text query of Basalt's own on a backend connection and decodes its rows as strings. */
final class BackendQuery {
    private BackendQuery() {}

    /** The capabilities Basalt's own backend connections use. */
    static final int CAPABILITIES = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
            | Capabilities.DEPRECATE_EOF | Capabilities.TRANSACTIONS | Capabilities.MULTI_RESULTS;

    /** Rows of {@code sql} (NULL as null); the server's error as a SqlException. */
    static List<String[]> rows(Backend backend, String sql) throws IOException {
        BackendChannel c = backend.channel;
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] command = new byte[text.length + 1];
        command[0] = 0x03;
        System.arraycopy(text, 0, command, 1, text.length);
        c.writePacket(0, command, 0, command.length);
        c.readFrame();
        Payload p = payload(c);
        int first = p.peek();
        if (first == 0xFF) {
            p.readInt1();
            throw BackendLogin.serverError(p);
        }
        List<String[]> rows = new ArrayList<>();
        if (first == 0x00) return rows;
        int columns = (int) p.readLenenc();
        for (int i = 0; i < columns; i++) c.readFrame();
        boolean deprecateEof = (backend.key.capabilities() & Capabilities.DEPRECATE_EOF) != 0;
        if (!deprecateEof) c.readFrame();
        while (true) {
            c.readFrame();
            p = payload(c);
            int b = p.peek();
            if (b == 0xFF) {
                p.readInt1();
                throw BackendLogin.serverError(p);
            }
            if (b == 0xFE && c.length() < (deprecateEof ? BackendChannel.MAX_PIECE : 9)) return rows;
            String[] row = new String[columns];
            for (int i = 0; i < columns; i++) {
                if (p.peek() == 0xFB) {
                    p.readInt1();
                } else {
                    row[i] = p.readLenencString();
                }
            }
            rows.add(row);
        }
    }

    private static Payload payload(BackendChannel c) {
        Payload p = new Payload();
        p.reset(c.frame(), BackendChannel.HEADER, c.length());
        return p;
    }
}
