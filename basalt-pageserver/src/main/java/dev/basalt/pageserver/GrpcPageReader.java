package dev.basalt.pageserver;

import com.google.protobuf.ByteString;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalException;
import dev.basalt.pageserver.grpc.Branch;
import dev.basalt.pageserver.grpc.CreateBranchRequest;
import dev.basalt.pageserver.grpc.Entry;
import dev.basalt.pageserver.grpc.GetRequest;
import dev.basalt.pageserver.grpc.GetResponse;
import dev.basalt.pageserver.grpc.DeleteBranchRequest;
import dev.basalt.pageserver.grpc.ListBranchesRequest;
import dev.basalt.pageserver.grpc.PageServiceGrpc;
import dev.basalt.pageserver.grpc.ScanChunk;
import dev.basalt.pageserver.grpc.ScanRequest;
import dev.basalt.pageserver.grpc.TimelineRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@link PageReader} over gRPC: what the compute uses to read from a page server at {@code host:port},
 * plus the branch calls. Refusals come back as {@link PageServerException} (unknown timeline, LSN below
 * the GC horizon, ...); an unreachable server or an LSN not applied in time as {@link WalException}.
 * Scans stream in chunks as the iterator is consumed; an abandoned iterator's call is cancelled when
 * the iterator is garbage-collected (or at the scan deadline).
 */
public final class GrpcPageReader implements PageReader {

    private static final Cleaner CLEANER = Cleaner.create();

    private final ManagedChannel channel;
    private final PageServiceGrpc.PageServiceBlockingStub stub;
    private final Duration callTimeout;
    private final Duration scanTimeout;

    public GrpcPageReader(String target) { this(target, Duration.ofSeconds(30), Duration.ofMinutes(10)); }

    /** @param target {@code host:port} */
    public GrpcPageReader(String target, Duration callTimeout, Duration scanTimeout) {
        dev.basalt.pageserver.grpc.NettyLeakDetection.offUnlessRequested();
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        this.stub = PageServiceGrpc.newBlockingStub(channel);
        this.callTimeout = callTimeout;
        this.scanTimeout = scanTimeout;
    }

    private PageServiceGrpc.PageServiceBlockingStub call() {
        return stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public byte[] get(String timeline, byte[] key, long lsn) {
        try {
            GetResponse r = call().get(GetRequest.newBuilder().setTimeline(timeline).setKey(ByteString.copyFrom(key)).setLsn(lsn).build());
            return r.getFound() ? r.getValue().toByteArray() : null;
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
        ScanRequest.Builder req = ScanRequest.newBuilder().setTimeline(timeline).setLsn(lsn).setReverse(reverse);
        if (from != null) req.setFrom(ByteString.copyFrom(from));
        if (to != null) req.setTo(ByteString.copyFrom(to));
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        Iterator<ScanChunk> chunks;
        try {
            chunks = stub.withDeadlineAfter(scanTimeout.toMillis(), TimeUnit.MILLISECONDS).scan(req.build());
        } finally {
            context.detach(previous);
        }
        ScanIterator it = new ScanIterator(chunks);
        CLEANER.register(it, () -> context.cancel(null));
        return it;
    }

    /** Flattens the chunk stream; fetches the next chunk only when the current one is used up. */
    private static final class ScanIterator implements Iterator<KeyValue> {
        private final Iterator<ScanChunk> chunks;
        private Iterator<Entry> current = List.<Entry>of().iterator();

        ScanIterator(Iterator<ScanChunk> chunks) { this.chunks = chunks; }

        @Override
        public boolean hasNext() {
            try {
                while (!current.hasNext()) {
                    if (!chunks.hasNext()) return false;
                    current = chunks.next().getEntriesList().iterator();
                }
                return true;
            } catch (StatusRuntimeException e) {
                throw translate(e);
            }
        }

        @Override
        public KeyValue next() {
            if (!hasNext()) throw new NoSuchElementException();
            Entry e = current.next();
            return new KeyValue(e.getKey().toByteArray(), e.getValue().toByteArray());
        }
    }

    @Override
    public long appliedLsn(String timeline) {
        try {
            return call().appliedLsn(TimelineRequest.newBuilder().setTimeline(timeline).build()).getLsn();
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    /** See {@link PageServer#createBranch}: at most one of {@code lsn} and {@code timeMicros}. */
    public BranchInfo createBranch(String name, String parent, OptionalLong lsn, OptionalLong timeMicros) {
        CreateBranchRequest.Builder req = CreateBranchRequest.newBuilder().setName(name).setParent(parent);
        lsn.ifPresent(req::setLsn);
        timeMicros.ifPresent(req::setTimestampMicros);
        try {
            return fromProto(call().createBranch(req.build()));
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    public List<BranchInfo> listBranches() {
        try {
            List<BranchInfo> out = new ArrayList<>();
            for (Branch b : call().listBranches(ListBranchesRequest.getDefaultInstance()).getBranchesList()) out.add(fromProto(b));
            return out;
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    /** See {@link PageServer#deleteBranch}. */
    public BranchInfo deleteBranch(String name) {
        try {
            return fromProto(call().deleteBranch(DeleteBranchRequest.newBuilder().setName(name).build()));
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    private static BranchInfo fromProto(Branch b) {
        return new BranchInfo(b.getName(), b.getParent().isEmpty() ? null : b.getParent(), b.getBranchLsn(),
                b.getAppliedLsn(), b.getDiskConsistentLsn(), b.getGcHorizon());
    }

    static RuntimeException translate(StatusRuntimeException e) {
        String message = e.getStatus().getDescription() != null ? e.getStatus().getDescription() : e.getStatus().getCode().toString();
        String kind = e.getTrailers() == null ? null : e.getTrailers().get(dev.basalt.pageserver.grpc.PageServiceImpl.KIND);
        if (kind != null) {
            for (PageServerException.Kind k : PageServerException.Kind.values()) {
                if (k.name().equals(kind)) return new PageServerException(k, message);
            }
        }
        return switch (e.getStatus().getCode()) {
            case NOT_FOUND -> new PageServerException(PageServerException.Kind.NOT_FOUND, message);
            case FAILED_PRECONDITION -> new PageServerException(PageServerException.Kind.BELOW_GC_HORIZON, message);
            case ALREADY_EXISTS -> new PageServerException(PageServerException.Kind.ALREADY_EXISTS, message);
            case INVALID_ARGUMENT -> new PageServerException(PageServerException.Kind.INVALID, message);
            default -> new WalException("page server: " + message, false, e);
        };
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) channel.shutdownNow();
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
