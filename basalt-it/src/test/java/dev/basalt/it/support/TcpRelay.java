package dev.basalt.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a server, which a test can cut: while paused, open connections
 * are dropped and new ones are closed at once (the server itself stays up and reachable directly).
 */
public final class TcpRelay implements Endpoint, AutoCloseable {
    private final Endpoint target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean paused;

    public TcpRelay(Endpoint target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).name("tcp-relay-" + listener.getLocalPort()).start(this::accept);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (paused) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(target.host(), target.port());
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // listener closed, or the target refused: the client sees its connection close
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofPlatform().daemon(true).start(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    /** Drops every relayed connection and refuses new ones until {@link #resume()}. */
    public void pause() {
        paused = true;
        for (Socket s : open) closeQuietly(s);
        open.clear();
    }

    public void resume() { paused = false; }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override public String host() { return "127.0.0.1"; }
    @Override public int port() { return listener.getLocalPort(); }
    @Override public String user() { return target.user(); }
    @Override public String password() { return target.password(); }

    @Override
    public void close() throws IOException {
        listener.close();
        pause();
    }
}
