package dev.basalt.server.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link ServerTls} being loaded beside the rest of the start-up. A certificate generated into a
 * data directory means two RSA key pairs, about a second of a freshly started JVM's time (once per
 * data directory); without one (memory storage, a disaggregated compute, which starts empty every
 * time) the pairs are EC P-256 and take milliseconds. Either way the generation runs on its own
 * thread while the store opens; a certificate read from files is loaded at once (it is quick, and
 * a bad file should fail the start before the store is opened).
 */
public final class PendingTls {

    private final CompletableFuture<ServerTls> future;

    private PendingTls(CompletableFuture<ServerTls> future) { this.future = future; }

    /** As {@link ServerTls#load}, generating in the background when the certificate is generated. */
    public static PendingTls start(TlsSettings settings, Path dataDir, String version) throws IOException {
        if (!settings.enabled() || !settings.generated()) {
            return new PendingTls(CompletableFuture.completedFuture(ServerTls.load(settings, dataDir, version)));
        }
        CompletableFuture<ServerTls> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("basalt-tls-generate").start(() -> {
            try {
                f.complete(ServerTls.load(settings, dataDir, version));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return new PendingTls(f);
    }

    /** The loaded TLS (null when TLS is off), waiting for the generation if it still runs. */
    public ServerTls get() throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("TLS: interrupted while generating the certificate", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException("TLS: " + e.getCause(), e.getCause());
        }
    }
}
