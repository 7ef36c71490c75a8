package dev.basalt.engine.event;

import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.CreateEvent;
import dev.basalt.sql.ast.IntervalUnit;
import dev.basalt.sql.parser.MySqlParser;
import dev.basalt.sql.parser.ParserOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's events, persisted in the catalog part of the KV store (written in the DDL's
 * transaction; the in-memory registry changes when it commits). The body is kept as the text of
 * SHOW CREATE EVENT and parsed again at startup. Event names are case-insensitive, as in MySQL.
 */
public final class EventStore {
    static final byte META_EVENT = 'e';

    private final KvStore store;
    private final Map<String, EventDef> events = new ConcurrentHashMap<>();

    public EventStore(KvStore store) {
        this.store = store;
        byte[] p = Keyspace.metaPrefix(META_EVENT);
        try (KvSnapshot snap = store.snapshot(); KvCursor c = snap.scan(p, Keyspace.prefixSuccessor(p))) {
            while (c.next()) {
                EventDef e = decode(c.value());
                events.put(key(e.database(), e.name()), e);
            }
        }
    }

    private static String key(String db, String name) { return db + "\0" + name.toLowerCase(Locale.ROOT); }

    private static byte[] metaKey(String db, String name) {
        return Keyspace.metaKey(META_EVENT, db, name.toLowerCase(Locale.ROOT));
    }

    public Optional<EventDef> event(String db, String name) { return Optional.ofNullable(events.get(key(db, name))); }

    /** Every event (of one database, or all when db is null), by database and name. */
    public List<EventDef> events(String db) {
        List<EventDef> out = new ArrayList<>();
        for (EventDef e : events.values()) if (db == null || e.database().equals(db)) out.add(e);
        out.sort(Comparator.comparing(EventDef::database).thenComparing(e -> e.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    void put(Transaction t, EventDef e) {
        t.put(metaKey(e.database(), e.name()), encode(e));
        String k = key(e.database(), e.name());
        t.onCommit(() -> events.put(k, e));
    }

    void drop(Transaction t, EventDef e) {
        t.delete(metaKey(e.database(), e.name()));
        String k = key(e.database(), e.name());
        t.onCommit(() -> events.remove(k));
    }

    /** DROP DATABASE drops its events (in the same transaction). */
    public void dropDatabase(Transaction t, String db) {
        for (EventDef e : events.values()) if (e.database().equals(db)) drop(t, e);
    }

    /**
     * The scheduler's bookkeeping (last run, disabling or dropping a finished event) in its own
     * transaction; nothing when a DROP or ALTER EVENT got there first (the scheduler must not undo it).
     */
    void update(dev.basalt.engine.txn.TransactionManager txns, EventDef e, boolean dropIt) {
        Transaction t = txns.begin();
        try {
            byte[] stored = t.get(metaKey(e.database(), e.name()));
            EventDef current = events.get(key(e.database(), e.name()));
            if (stored == null || stored.length == 0 || current == null
                    || !java.util.Objects.equals(current.lastAltered(), e.lastAltered())) {
                // dropped or altered meanwhile: that statement's version stands
                t.rollback();
                return;
            }
            if (dropIt) drop(t, e); else put(t, e);
            t.commit();
        } catch (RuntimeException ex) {
            t.rollback();
            throw ex;
        }
    }

    // ---------------------------------------------------------------- stored form

    private static byte[] encode(EventDef e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1); // format version
            writeString(out, e.database());
            writeString(out, e.name());
            writeString(out, e.definer());
            writeString(out, e.timeZone());
            writeString(out, e.sqlMode());
            writeTime(out, e.executeAt());
            writeString(out, e.intervalValue());
            writeString(out, e.intervalUnit() == null ? null : e.intervalUnit().name());
            writeTime(out, e.starts());
            writeTime(out, e.ends());
            out.writeBoolean(e.preserve());
            writeString(out, e.status().name());
            writeString(out, e.comment());
            writeTime(out, e.created());
            writeTime(out, e.lastAltered());
            writeTime(out, e.lastExecuted());
            writeString(out, EventShow.createText(e));
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static EventDef decode(byte[] v) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(v))) {
            in.readByte();
            String db = readString(in), name = readString(in), definer = readString(in), zone = readString(in);
            String sqlMode = readString(in);
            LocalDateTime at = readTime(in);
            String intervalValue = readString(in);
            String unit = readString(in);
            LocalDateTime starts = readTime(in), ends = readTime(in);
            boolean preserve = in.readBoolean();
            CreateEvent.Status status = CreateEvent.Status.valueOf(readString(in));
            String comment = readString(in);
            LocalDateTime created = readTime(in), altered = readTime(in), executed = readTime(in);
            String text = readString(in);
            boolean ansiQuotes = sqlMode.toUpperCase(Locale.ROOT).contains("ANSI_QUOTES");
            CreateEvent c = (CreateEvent) MySqlParser.parseOne(text, ansiQuotes
                    ? new ParserOptions(true, false, false, false) : ParserOptions.DEFAULT);
            return new EventDef(db, name, definer, zone, sqlMode, at, intervalValue,
                    unit == null ? null : IntervalUnit.valueOf(unit), starts, ends, preserve, status, comment,
                    c.bodyText(), c.body(), created, altered, executed);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s == null) return;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        if (!in.readBoolean()) return null;
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeTime(DataOutputStream out, LocalDateTime t) throws IOException {
        writeString(out, t == null ? null : t.toString());
    }

    private static LocalDateTime readTime(DataInputStream in) throws IOException {
        String s = readString(in);
        return s == null ? null : LocalDateTime.parse(s);
    }
}
