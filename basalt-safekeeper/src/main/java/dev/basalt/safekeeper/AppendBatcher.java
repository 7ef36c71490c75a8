package dev.basalt.safekeeper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit on the client: appends queue here in call order; while fewer than {@code maxInFlight}
 * batches are on their way, whatever is queued leaves at once as one batch (one Raft entry). So a lone
 * appender waits for nobody, and concurrent appenders share entries instead of queuing one round trip
 * each. Batches are sent under the lock, in queue order, through Ratis' ordered API, so LSNs follow
 * the order of the append calls.
 */
final class AppendBatcher {

    /** What the safekeepers said about one batch: its first LSN, or that the writer is fenced. */
    sealed interface Outcome {}

    record Appended(long firstLsn) implements Outcome {}

    record Fenced(String by) implements Outcome {}

    /** {@code expectedLsn}: the LSN the caller expects the record to get (0: any). */
    private record Pending(byte[] payload, long expectedLsn, CompletableFuture<Outcome> result) {}

    /** Sends one batch: its records, and the LSN its first record must get (0: any). */
    interface Sender {
        CompletableFuture<Outcome> send(long expectedFirstLsn, List<byte[]> payloads);
    }

    private static final java.util.concurrent.Executor COMPLETIONS = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("safekeeper-append-done-", 0).factory());

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final int maxInFlight;
    private final long maxBatchBytes;
    /** Sends one batch; called under the lock so that batches leave in order. */
    private final Sender send;
    private int inFlight;

    AppendBatcher(int maxInFlight, long maxBatchBytes, Sender send) {
        this.maxInFlight = maxInFlight;
        this.maxBatchBytes = maxBatchBytes;
        this.send = send;
    }

    AppendBatcher(int maxInFlight, long maxBatchBytes, Function<List<byte[]>, CompletableFuture<Outcome>> send) {
        this(maxInFlight, maxBatchBytes, (expected, payloads) -> send.apply(payloads));
    }

    /**
     * Queues one record; the future completes with {@link Appended} holding this record's own LSN, with
     * {@link Fenced}, or exceptionally when its batch could not be sent or answered.
     */
    CompletableFuture<Outcome> submit(byte[] payload) { return submit(payload, 0); }

    /** As {@link #submit(byte[])}; the record must get LSN {@code expectedLsn} (0: any), else its batch is refused. */
    CompletableFuture<Outcome> submit(byte[] payload, long expectedLsn) {
        Pending p = new Pending(payload, expectedLsn, new CompletableFuture<>());
        synchronized (lock) {
            queue.add(p);
            sendWhatIsQueued();
        }
        return p.result();
    }

    /** A record joins a batch only if the LSN it expects (if any) is the one it would get there. */
    private static boolean follows(List<Pending> batch, Pending next) {
        long first = batch.getFirst().expectedLsn();
        return first <= 0 ? next.expectedLsn() <= 0 : next.expectedLsn() == first + batch.size();
    }

    private void sendWhatIsQueued() {
        while (inFlight < maxInFlight && !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            long bytes = 0;
            while (!queue.isEmpty() && (batch.isEmpty() || (bytes + queue.peek().payload().length <= maxBatchBytes
                    && follows(batch, queue.peek())))) {
                Pending p = queue.poll();
                batch.add(p);
                bytes += p.payload().length;
            }
            inFlight++;
            CompletableFuture<Outcome> sent;
            try {
                sent = send.send(batch.getFirst().expectedLsn(), batch.stream().map(Pending::payload).toList());
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            // completed on our own threads: Ratis completes replies while holding its sliding-window lock,
            // and sending the next batch from there would take that lock in the opposite order to submit()
            sent.whenCompleteAsync((outcome, error) -> {
                for (int i = 0; i < batch.size(); i++) {
                    CompletableFuture<Outcome> r = batch.get(i).result();
                    if (error != null) r.completeExceptionally(error);
                    else if (outcome instanceof Appended a) r.complete(new Appended(a.firstLsn() + i));
                    else r.complete(outcome);
                }
                synchronized (lock) {
                    inFlight--;
                    sendWhatIsQueued();
                }
            }, COMPLETIONS);
        }
    }
}
