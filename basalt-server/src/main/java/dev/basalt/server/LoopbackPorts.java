package dev.basalt.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports from the OS, for processes that must know each other's ports before they start. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /** {@code n} distinct ports free a moment ago (all held at once, so the OS hands out no port twice). */
    public static int[] free(int n) throws IOException {
        int[] out = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                held.add(s);
                out[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) s.close();
        }
        return out;
    }
}
