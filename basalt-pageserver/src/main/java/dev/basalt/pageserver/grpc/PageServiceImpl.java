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
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The gRPC face of a {@link PageServer}: requests in, answers or status codes out. */
public final class PageServiceImpl extends PageServiceGrpc.PageServiceImplBase {

    private static final Logger LOG = Logger.getLogger(PageServiceImpl.class.getName());
    /** Entries per scan chunk, and the byte budget that closes a chunk early (big values). */
    static final int CHUNK_ENTRIES = 512, CHUNK_BYTES = 256 << 10;

    private final PageServer server;
    /** Runs what may block (waiting for an LSN, branch creation, scan pages) off the transport threads. */
    private final Executor blocking;

    /**
     * @param blocking where requests that may wait run; the rest (a Get whose LSN is applied) answer
     *                 on the calling transport thread, saving a thread hop per Get
     */
    public PageServiceImpl(PageServer server, Executor blocking) {
        this.server = server;
        this.blocking = blocking;
    }

    @Override
    public void get(GetRequest req, StreamObserver<GetResponse> out) {
        boolean ready;
        try {
            ready = server.readableWithoutWait(req.getTimeline(), req.getLsn());
        } catch (RuntimeException e) {
            out.onError(status(e));
            return;
        }
        if (ready) answerGet(req, out);
        else blocking.execute(() -> answerGet(req, out));
    }

    private void answerGet(GetRequest req, StreamObserver<GetResponse> out) {
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
        ServerCallStreamObserver<ScanChunk> call = (ServerCallStreamObserver<ScanChunk>) out;
        ScanStream stream = new ScanStream(req, call);
        call.setOnCancelHandler(() -> stream.done.set(true));
        call.setOnReadyHandler(stream::schedule);
    }

    /**
     * One scan call: pages are read and sent on the blocking executor, only while the client can take
     * chunks (flow control), so a big or abandoned scan holds little memory here.
     */
    private final class ScanStream {
        final ScanRequest req;
        final ServerCallStreamObserver<ScanChunk> call;
        final AtomicBoolean done = new AtomicBoolean(), scheduled = new AtomicBoolean();
        Iterator<KeyValue> rows;

        ScanStream(ScanRequest req, ServerCallStreamObserver<ScanChunk> call) {
            this.req = req;
            this.call = call;
        }

        void schedule() {
            if (!done.get() && scheduled.compareAndSet(false, true)) blocking.execute(this::drain);
        }

        private synchronized void drain() {
            try {
                if (rows == null) {
                    rows = server.scan(req.getTimeline(), req.hasFrom() ? req.getFrom().toByteArray() : null,
                            req.hasTo() ? req.getTo().toByteArray() : null, req.getLsn(), req.getReverse());
                }
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
            } finally {
                scheduled.set(false);
            }
            if (!done.get() && call.isReady()) schedule(); // became ready again while we were finishing
        }
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
        blocking.execute(() -> { // may wait for the parent to reach the branch LSN
            try {
                OptionalLong lsn = req.getPointCase() == CreateBranchRequest.PointCase.LSN ? OptionalLong.of(req.getLsn()) : OptionalLong.empty();
                OptionalLong time = req.getPointCase() == CreateBranchRequest.PointCase.TIMESTAMP_MICROS
                        ? OptionalLong.of(req.getTimestampMicros()) : OptionalLong.empty();
                out.onNext(toProto(server.createBranch(req.getName(), req.getParent(), lsn, time)));
                out.onCompleted();
            } catch (RuntimeException e) {
                out.onError(status(e));
            }
        });
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

    @Override
    public void deleteBranch(DeleteBranchRequest req, StreamObserver<Branch> out) {
        blocking.execute(() -> { // stops the timeline's threads and deletes objects: may take a while
            try {
                out.onNext(toProto(server.deleteBranch(req.getName())));
                out.onCompleted();
            } catch (RuntimeException e) {
                out.onError(status(e));
            }
        });
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
                case IN_USE -> Status.FAILED_PRECONDITION;
            };
            case WalException w -> Status.UNAVAILABLE;
            default -> {
                LOG.log(Level.WARNING, "page server request failed", e);
                yield Status.INTERNAL;
            }
        };
        if (e instanceof PageServerException p) { // two kinds share FAILED_PRECONDITION: the trailer tells them apart
            io.grpc.Metadata trailers = new io.grpc.Metadata();
            trailers.put(KIND, p.kind().name());
            return s.withDescription(e.getMessage()).asRuntimeException(trailers);
        }
        return s.withDescription(e.getMessage()).asRuntimeException();
    }

    /** The {@link PageServerException.Kind} of a refusal, for the client to rebuild the same exception. */
    public static final io.grpc.Metadata.Key<String> KIND = io.grpc.Metadata.Key.of("basalt-error-kind", io.grpc.Metadata.ASCII_STRING_MARSHALLER);
}
