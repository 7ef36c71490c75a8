package dev.basalt.engine.event;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.routine.EventBody;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.sql.ast.CreateEvent;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The event scheduler: a daemon thread that, while {@code @@event_scheduler} is ON, starts every
 * enabled event that is due, each in a session of its own as its definer (a thread per run, as
 * MySQL does, so a slow event delays no other). A one-time event, or a recurring one past its
 * ENDS, is then dropped (ON COMPLETION NOT PRESERVE) or disabled (PRESERVE). Errors of a body
 * are logged, as MySQL writes them to its error log.
 */
public final class EventScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventScheduler.class.getName());
    private static final long TICK_MILLIS = 200;

    private final BasaltEngine engine;
    private final Thread thread;
    private volatile boolean stopped;

    public EventScheduler(BasaltEngine engine) {
        this.engine = engine;
        this.thread = Thread.ofPlatform().daemon().name("basalt-event-scheduler").unstarted(this::loop);
    }

    public void start() {
        if (!engine.store().readOnly()) thread.start();
    }

    private boolean on() {
        return "ON".equalsIgnoreCase(String.valueOf(engine.variables().global("event_scheduler")));
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(TICK_MILLIS);
                if (on()) tick();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // e.g. OutOfMemoryError while some statement holds the heap: the scheduler must
                // outlive it (a dead scheduler thread runs no event again until a restart)
                LOG.log(System.Logger.Level.WARNING, "event scheduler: " + e, e);
            }
        }
    }

    /** Starts what is due now. The run is recorded before it starts, so a tick never starts it twice. */
    void tick() {
        for (EventDef e : engine.events().events(null)) {
            if (stopped) return;
            if (e.status() != CreateEvent.Status.ENABLED) continue;
            LocalDateTime now = LocalDateTime.now(zone(e)).truncatedTo(ChronoUnit.SECONDS);
            LocalDateTime due = e.recurring() ? EventIntervals.next(e) : e.executeAt();
            if (due.isAfter(now)) continue;
            if (e.recurring() && e.ends() != null && due.isAfter(e.ends())) {
                finish(e);
                continue;
            }
            EventDef ran = e.withLastExecuted(now);
            boolean last = !e.recurring() || e.ends() != null && EventIntervals.next(ran).isAfter(e.ends());
            if (last) finish(ran);
            else engine.events().update(engine.transactions(), ran, false);
            Thread.ofVirtual().name("basalt-event-" + e.database() + "." + e.name()).start(() -> execute(ran));
        }
    }

    /** The schedule is over: drop the event, or keep it disabled when it is to be preserved. */
    private void finish(EventDef e) {
        if (e.preserve()) engine.events().update(engine.transactions(), e.withStatus(CreateEvent.Status.DISABLED), false);
        else engine.events().update(engine.transactions(), e, true);
    }

    private void execute(EventDef e) {
        dev.basalt.engine.security.Definer.Name account = dev.basalt.engine.security.Definer.parse(e.definer());
        BasaltSession s = (BasaltSession) engine.openSession(new SessionOptions(0, account.user(), account.host(), null));
        try {
            s.setDatabase(e.database());
            // as its definer's account, which must still exist (1449 in the log otherwise)
            dev.basalt.engine.security.Definer.run(s, e.definer(),
                    () -> EventBody.run(s, new StatementRunner(s), e.body(), e.sqlMode()));
            s.transaction().commit();
        } catch (RuntimeException | Error ex) { // an event's OutOfMemoryError fails that run only
            s.transaction().rollbackQuietly();
            LOG.log(System.Logger.Level.WARNING, "Event Scheduler: [" + e.definer() + "][" + e.database() + "."
                    + e.name() + "] " + ex.getMessage());
        } finally {
            s.close();
        }
    }

    private static ZoneId zone(EventDef e) {
        String z = e.timeZone();
        if (z == null || z.equalsIgnoreCase("SYSTEM")) return ZoneId.systemDefault();
        try {
            return ZoneId.of(z);
        } catch (RuntimeException ex) {
            return ZoneId.systemDefault();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
