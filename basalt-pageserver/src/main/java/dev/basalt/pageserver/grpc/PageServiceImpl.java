package dev.basalt.pageserver.grpc;

import com.google.protobuf.ByteString;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.WalException;
import dev.basalt.pageserver.BranchInfo;
import dev.basalt.pageserver.PageServer;
import dev.basalt.pageserver.PageServerException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The gRPC face of a {@link PageServer}: requests in, answers or status codes out. */
public final class PageServiceImpl extends PageServiceGrpc.PageServiceImplBase {

    private static final Logger LOG = Logger.getLogger(PageServiceImpl.class.getName());
    /** Entries per scan chunk, and the byte budget that closes a chunk early (big values). */
    static final int CHUNK_ENTRIES = 512, CHUNK_BYTES = 256 << 10;

    private final PageServer server;

    public PageServiceImpl(PageServer server) { this.server = server; }

    @Override
    public void get(GetRequest req, StreamObserver<GetResponse> out) {
        try {
            byte[] value = server.get(req.getTimeline(), req.getKey().toByteArray(), req.getLsn());
            GetResponse.Builder r = GetResponse.newBuilder().setFound(value != null);
            if (value != null) r.setValue(ByteString.copyFrom(value));
            out.onNext(r.build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(status(e));
        }
    }

    @Override
    public void scan(ScanRequest req, StreamObserver<ScanChunk> out) {
        Iterator<KeyValue> rows;
        try {
            rows = server.scan(req.getTimeline(), req.hasFrom() ? req.getFrom().toByteArray() : null,
                    req.hasTo() ? req.getTo().toByteArray() : null, req.getLsn(), req.getReverse());
        } catch (RuntimeException e) {
            out.onError(status(e));
            return;
        }
        // Produce and send only as fast as the client takes chunks (flow control): the rows are read
        // page by page from the layers, so a big or abandoned scan holds little memory here.
        ServerCallStreamObserver<ScanChunk> call = (ServerCallStreamObserver<ScanChunk>) out;
        AtomicBoolean done = new AtomicBoolean();
        call.setOnCancelHandler(() -> done.set(true));
        call.setOnReadyHandler(() -> {
            synchronized (rows) {
                try {
                    while (!done.get() && call.isReady()) {
                        if (!rows.hasNext()) {
                            done.set(true);
                            call.onCompleted();
                            return;
                        }
                        call.onNext(chunk(rows));
                    }
                } catch (RuntimeException e) {
                    if (done.compareAndSet(false, true)) call.onError(status(e));
                }
            }
        });
    }

    private static ScanChunk chunk(Iterator<KeyValue> it) {
        ScanChunk.Builder chunk = ScanChunk.newBuilder();
        int bytes = 0;
        while (it.hasNext() && chunk.getEntriesCount() < CHUNK_ENTRIES && bytes < CHUNK_BYTES) {
            KeyValue kv = it.next();
            chunk.addEntries(Entry.newBuilder().setKey(ByteString.copyFrom(kv.key())).setValue(ByteString.copyFrom(kv.value())));
            bytes += kv.key().length + kv.value().length;
        }
        return chunk.build();
    }

    @Override
    public void appliedLsn(TimelineRequest req, StreamObserver<LsnResponse> out) {
        try {
            out.onNext(LsnResponse.newBuilder().setLsn(server.appliedLsn(req.getTimeline())).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(status(e));
        }
    }

    @Override
    public void createBranch(CreateBranchRequest req, StreamObserver<Branch> out) {
        try {
            OptionalLong lsn = req.getPointCase() == CreateBranchRequest.PointCase.LSN ? OptionalLong.of(req.getLsn()) : OptionalLong.empty();
            OptionalLong time = req.getPointCase() == CreateBranchRequest.PointCase.TIMESTAMP_MICROS
                    ? OptionalLong.of(req.getTimestampMicros()) : OptionalLong.empty();
            out.onNext(toProto(server.createBranch(req.getName(), req.getParent(), lsn, time)));
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(status(e));
        }
    }

    @Override
    public void listBranches(ListBranchesRequest req, StreamObserver<ListBranchesResponse> out) {
        try {
            ListBranchesResponse.Builder r = ListBranchesResponse.newBuilder();
            for (BranchInfo b : server.listBranches()) r.addBranches(toProto(b));
            out.onNext(r.build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(status(e));
        }
    }

    static Branch toProto(BranchInfo b) {
        return Branch.newBuilder().setName(b.name()).setParent(b.parent() == null ? "" : b.parent())
                .setBranchLsn(b.branchLsn()).setAppliedLsn(b.appliedLsn())
                .setDiskConsistentLsn(b.diskConsistentLsn()).setGcHorizon(b.gcHorizon()).build();
    }

    /** Maps the server's refusals onto status codes the client maps back. */
    static StatusRuntimeException status(RuntimeException e) {
        Status s = switch (e) {
            case PageServerException p -> switch (p.kind()) {
                case NOT_FOUND -> Status.NOT_FOUND;
                case BELOW_GC_HORIZON -> Status.FAILED_PRECONDITION;
                case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
                case INVALID -> Status.INVALID_ARGUMENT;
            };
            case WalException w -> Status.UNAVAILABLE;
            default -> {
                LOG.log(Level.WARNING, "page server request failed", e);
                yield Status.INTERNAL;
            }
        };
        return s.withDescription(e.getMessage()).asRuntimeException();
    }
}
