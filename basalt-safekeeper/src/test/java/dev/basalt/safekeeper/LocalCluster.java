package dev.basalt.safekeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Three safekeepers in this JVM on free loopback ports, each stoppable and restartable on its data directory. */
final class LocalCluster implements AutoCloseable {

    final List<String> peers;
    private final Path dir;
    private final Safekeeper.Options options;
    private final Safekeeper[] nodes;

    LocalCluster(Path dir, int size, Safekeeper.Options options) throws IOException {
        this(dir, freeAddresses(size), options);
    }

    /** On the given addresses (a test may put a cluster on ports another one used). */
    LocalCluster(Path dir, List<String> peers, Safekeeper.Options options) throws IOException {
        this.dir = dir;
        this.options = options;
        this.peers = List.copyOf(peers);
        this.nodes = new Safekeeper[peers.size()];
        for (int id = 1; id <= peers.size(); id++) start(id);
    }

    LocalCluster(Path dir) throws IOException { this(dir, 3, Safekeeper.Options.defaults()); }

    static List<String> freeAddresses(int n) throws IOException {
        List<String> out = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                out.add("127.0.0.1:" + s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) s.close();
        }
        return out;
    }

    Path dataDir(int id) { return dir.resolve("sk" + id); }

    void start(int id) throws IOException {
        if (nodes[id - 1] == null) nodes[id - 1] = Safekeeper.start(id, peers, dataDir(id), options);
    }

    void stop(int id) {
        Safekeeper node = nodes[id - 1];
        nodes[id - 1] = null;
        if (node != null) {
            try {
                node.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    boolean running(int id) { return nodes[id - 1] != null; }

    /** The id of the node that leads now, waiting up to {@code wait} for an election. */
    int awaitLeader(java.time.Duration wait) throws IOException, InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            for (int id = 1; id <= nodes.length; id++) {
                if (nodes[id - 1] != null && nodes[id - 1].isLeader()) return id;
            }
            if (System.nanoTime() > end) throw new IllegalStateException("no leader within " + wait);
            Thread.sleep(20);
        }
    }

    int size() { return nodes.length; }

    @Override
    public void close() {
        for (int id = 1; id <= nodes.length; id++) stop(id);
    }
}
