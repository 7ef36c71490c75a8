package dev.basalt.remote.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.ServerException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A background replica of one remote: streams its binary log from the current position and turns
 * every row event and DDL into an invalidation of the result cache ({@link BinlogEvents}).
 *
 * <p>The cache may serve a result only while {@link #fresh()}: the stream is up (the remote accepted
 * the dump request and sent its first event), has delivered an event or heartbeat within three
 * heartbeat periods, and the last event was not older than the lag bound when it arrived. Losing the stream invalidates everything (events may be
 * missed from then on); connecting again does so once more (a read that raced the reconnect is
 * dropped) and resumes from the last position, with backoff. A position the remote no longer has
 * (binlog purged: error 1236) is a gap: everything is invalidated and the stream restarts from
 * the current position.
 *
 * <p>The remote sends an event once it is in the binlog, a moment before the storage engine makes
 * it visible to readers; a read in that moment could be stored as current with the old rows. So
 * every invalidation is applied again {@link #SETTLE_MS} later.
 */
public final class BinlogWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BinlogWatcher.class.getName());
    private static final long FIRST_BACKOFF_MS = 100, MAX_BACKOFF_MS = 10_000;
    /** Error 1236 (ER_MASTER_FATAL_ERROR_READING_BINLOG): the requested position is gone. */
    private static final int ER_BINLOG_GONE = 1236;
    /** How long after an event its invalidation is applied again (see the class comment). */
    static final long SETTLE_MS = 250;

    private final ReplicaSettings settings;
    private final Invalidation target;
    private final BinlogEvents events;
    private final BinaryLogClient client;
    private final ScheduledExecutorService timer;
    private final Thread loop;
    private volatile boolean closed;
    /** Logged in and registered; the dump request may still be refused (privileges, purged position). */
    private volatile boolean connected;
    /** Events flow: the remote accepted the dump request (its first event is a rotate to the start position). */
    private volatile boolean streaming;
    private volatile long lastMessageNanos;
    /** How old the last data event was when it arrived (ms, by the remote's clock); 0 after a heartbeat. */
    private volatile long lagMillis;
    /** The last connection failure logged, so a repeating one is logged once. */
    private volatile String lastFailure = "";
    private final LongAdder eventsSeen = new LongAdder(), invalidations = new LongAdder(), bypasses = new LongAdder();
    private final AtomicLong reconnects = new AtomicLong(), gaps = new AtomicLong();

    /** Invalidations as applied: counted, and applied again once the event has settled. */
    private final Invalidation applied = new Invalidation() {
        @Override public void tables(Set<String> keys) {
            target.tables(keys);
            invalidations.increment();
            later(() -> target.tables(keys));
        }

        @Override public void all() {
            target.all();
            invalidations.increment();
            later(target::all);
        }

        @Override public void schemaChanged() { target.schemaChanged(); }
    };

    public BinlogWatcher(ReplicaSettings settings, Invalidation target) {
        this.settings = settings;
        this.target = target;
        this.events = new BinlogEvents(applied);
        this.client = new BinaryLogClient(settings.host(), settings.port(), settings.user(), settings.password());
        client.setServerId(settings.serverId());
        client.setKeepAlive(false); // our loop reconnects, with backoff, and invalidates on the way
        client.setHeartbeatInterval(settings.heartbeat().toMillis());
        client.setConnectTimeout(10_000);
        if (settings.tls().enabled()) {
            // the library speaks SSLRequest and checks the host itself; our sockets trust what the mode says
            client.setSSLMode(com.github.shyiko.mysql.binlog.network.SSLMode.valueOf(settings.tls().mode().name()));
            client.setSslSocketFactory(plain -> {
                try {
                    return settings.tls().socket(plain, settings.host(), settings.port());
                } catch (java.io.IOException e) {
                    throw new java.net.SocketException("TLS to " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
                }
            });
        }
        EventDeserializer deserializer = new EventDeserializer();
        for (EventType t : BinlogEvents.ROWS) deserializer.setEventDataDeserializer(t, RowsTableId.DESERIALIZER);
        client.setEventDeserializer(deserializer);
        client.registerEventListener(this::onEvent);
        client.registerLifecycleListener(new Lifecycle());
        String name = "binlog-" + settings.host() + ":" + settings.port();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name(name + "-timer").factory());
        this.loop = Thread.ofPlatform().daemon(true).name(name).unstarted(this::run);
    }

    /** Starts following the binlog; the cache is bypassed until the stream is up. */
    public BinlogWatcher start() {
        long period = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::watchdog, period, period, TimeUnit.MILLISECONDS);
        loop.start();
        return this;
    }

    /** True while cached results may be served and stored (see the class comment). */
    public boolean fresh() {
        return streaming && System.nanoTime() - lastMessageNanos < 3 * settings.heartbeat().toNanos()
                && lagMillis <= settings.maxLag().toMillis();
    }

    /** A read went to the remote because the stream was not {@link #fresh()}. */
    public void bypassed() { bypasses.increment(); }

    /** Counters for SHOW STATUS, named {@code prefix} + events, invalidations, lag, connected, bypasses, reconnects, gaps. */
    public Map<String, String> status(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "connected", fresh() ? "1" : "0");
        m.put(prefix + "events", String.valueOf(eventsSeen.sum()));
        m.put(prefix + "invalidations", String.valueOf(invalidations.sum()));
        m.put(prefix + "lag", String.valueOf(streaming ? (lagMillis + 999) / 1000 : 0));
        m.put(prefix + "bypasses", String.valueOf(bypasses.sum()));
        m.put(prefix + "reconnects", String.valueOf(reconnects.get()));
        m.put(prefix + "gaps", String.valueOf(gaps.get()));
        return m;
    }

    private void onEvent(Event event) {
        lastMessageNanos = System.nanoTime();
        if (!streaming && connected) {
            streaming = true;
            lastFailure = "";
            LOG.log(System.Logger.Level.INFO, "binlog of {0}: following from {1}:{2}", settings,
                    client.getBinlogFilename(), String.valueOf(client.getBinlogPosition()));
        }
        EventType type = event.getHeader().getEventType();
        if (type == EventType.HEARTBEAT) {
            lagMillis = 0; // the remote had nothing more to send: caught up
            return;
        }
        long at = event.getHeader().getTimestamp();
        if (at > 0 && (type == EventType.QUERY || BinlogEvents.ROWS.contains(type))) {
            lagMillis = Math.max(0, System.currentTimeMillis() - at);
        }
        events.apply(event);
        eventsSeen.increment(); // after applying: a reader that sees the count sees the invalidation
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        while (!closed) {
            long started = System.nanoTime();
            try {
                client.connect(); // blocks while streaming
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
            connected = false;
            streaming = false;
            if (closed) break;
            reconnects.incrementAndGet();
            // a stream that held for a while starts over with a short wait; one that keeps failing backs off
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(1)) backoff = FIRST_BACKOFF_MS;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private void failed(Exception e) {
        applied.all();
        if (e instanceof ServerException se && se.getErrorCode() == ER_BINLOG_GONE) {
            // the position we would resume from is purged: events were lost; start from the current one
            gaps.incrementAndGet();
            client.setBinlogFilename(null);
            LOG.log(System.Logger.Level.WARNING, "binlog of {0}: position lost ({1}); cache invalidated, following from the current position",
                    settings, se.getMessage());
        } else {
            // a lasting cause (binlog off, no REPLICATION SLAVE grant) would repeat at every retry: say it once
            String why = e.toString();
            System.Logger.Level level = why.equals(lastFailure) ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            lastFailure = why;
            LOG.log(level, "binlog of {0}: {1}; cache bypassed until reconnected", settings, why);
        }
    }

    /** A stream silent for five heartbeats is stalled (a half-open connection): drop it and reconnect. */
    private void watchdog() {
        if (streaming && System.nanoTime() - lastMessageNanos > 5 * settings.heartbeat().toNanos()) {
            LOG.log(System.Logger.Level.INFO, "binlog of {0}: no heartbeat; reconnecting", settings);
            disconnectQuietly();
        }
    }

    private void later(Runnable r) {
        if (closed) return;
        try {
            timer.schedule(r, SETTLE_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void disconnectQuietly() {
        try {
            client.disconnect();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "binlog disconnect: {0}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnectQuietly();
        loop.interrupt();
        timer.shutdownNow();
    }

    private final class Lifecycle implements BinaryLogClient.LifecycleListener {
        @Override public void onConnect(BinaryLogClient c) {
            lagMillis = 0;
            lastMessageNanos = System.nanoTime();
            // results stored while the stream was down, or racing this connect, are dropped; the cache
            // opens with the first event (the dump request may yet be refused)
            applied.all();
            connected = true;
        }

        @Override public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
            connected = false;
            streaming = false;
            failed(ex);
        }

        @Override public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
            // an event we could not read may have changed anything; the stream goes on
            applied.all();
            LOG.log(System.Logger.Level.WARNING, "binlog of {0}: unreadable event ({1}); cache invalidated", settings, ex.toString());
        }

        @Override public void onDisconnect(BinaryLogClient c) {
            connected = false;
            streaming = false;
            applied.all();
        }
    }
}
