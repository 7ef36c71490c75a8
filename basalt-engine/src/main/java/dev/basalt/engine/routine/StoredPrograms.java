package dev.basalt.engine.routine;

import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.CreateTrigger;
import dev.basalt.sql.ast.RoutineKind;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.parser.MySqlParser;
import dev.basalt.sql.parser.ParserOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored procedures, functions and triggers of the server. Each is persisted in the catalog
 * part of the KV store as its CREATE statement's text (parsed again at startup), written in the
 * DDL's transaction; the in-memory registry changes when that transaction commits.
 * Routine names are case-insensitive (as in MySQL); trigger names are not.
 */
public final class StoredPrograms {
    static final byte META_PROCEDURE = 'P', META_FUNCTION = 'F', META_TRIGGER = 'G';

    private final Map<String, RoutineDef> routines = new ConcurrentHashMap<>();
    private final Map<String, TriggerDef> triggers = new ConcurrentHashMap<>();
    /** The triggers by "db\0table", in action order; rebuilt on every trigger change (DML reads it per row). */
    private volatile Map<String, List<TriggerDef>> byTable = Map.of();

    public StoredPrograms(KvStore store) {
        try (KvSnapshot snap = store.snapshot()) {
            for (byte kind : new byte[] {META_PROCEDURE, META_FUNCTION}) {
                for (byte[] v : values(snap, kind)) {
                    RoutineDef r = decodeRoutine(v);
                    routines.put(routineKey(r.kind(), r.database(), r.name()), r);
                }
            }
            for (byte[] v : values(snap, META_TRIGGER)) {
                TriggerDef t = decodeTrigger(v);
                triggers.put(triggerKey(t.database(), t.name()), t);
            }
        }
        reindex();
    }

    private synchronized void reindex() {
        Map<String, List<TriggerDef>> index = new java.util.HashMap<>();
        for (TriggerDef t : triggers.values()) {
            index.computeIfAbsent(t.database() + "\0" + t.table(), k -> new ArrayList<>()).add(t);
        }
        for (List<TriggerDef> l : index.values()) l.sort(Comparator.comparingInt(TriggerDef::order));
        byTable = index;
    }

    private static List<byte[]> values(KvSnapshot snap, byte kind) {
        byte[] p = Keyspace.metaPrefix(kind);
        List<byte[]> out = new ArrayList<>();
        try (KvCursor c = snap.scan(p, Keyspace.prefixSuccessor(p))) {
            while (c.next()) out.add(c.value());
        }
        return out;
    }

    // ---------------------------------------------------------------- routines

    static String routineKey(RoutineKind kind, String db, String name) {
        return kind.name().charAt(0) + db + "\0" + name.toLowerCase(Locale.ROOT);
    }

    private static byte[] routineMetaKey(RoutineKind kind, String db, String name) {
        return Keyspace.metaKey(kind == RoutineKind.PROCEDURE ? META_PROCEDURE : META_FUNCTION, db,
                name.toLowerCase(Locale.ROOT));
    }

    public Optional<RoutineDef> routine(RoutineKind kind, String db, String name) {
        return Optional.ofNullable(routines.get(routineKey(kind, db, name)));
    }

    /** Every routine, sorted by database, kind and name. */
    public List<RoutineDef> routines() {
        List<RoutineDef> out = new ArrayList<>(routines.values());
        out.sort(Comparator.comparing(RoutineDef::database).thenComparing(r -> r.kind().name())
                .thenComparing(r -> r.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    void create(Transaction t, RoutineDef def) {
        t.put(routineMetaKey(def.kind(), def.database(), def.name()), encode(def.database(), def.ast().text(), def.definer(),
                def.sqlMode(), def.created(), 0));
        String key = routineKey(def.kind(), def.database(), def.name());
        t.onCommit(() -> routines.put(key, def));
    }

    void drop(Transaction t, RoutineDef def) {
        t.delete(routineMetaKey(def.kind(), def.database(), def.name()));
        String key = routineKey(def.kind(), def.database(), def.name());
        t.onCommit(() -> routines.remove(key));
    }

    // ---------------------------------------------------------------- triggers

    private static String triggerKey(String db, String name) { return db + "\0" + name; }

    public Optional<TriggerDef> trigger(String db, String name) {
        return Optional.ofNullable(triggers.get(triggerKey(db, name)));
    }

    /** The triggers of one table for one timing and event, in execution order. */
    public List<TriggerDef> triggers(String db, String table, CreateTrigger.Timing timing, CreateTrigger.Event event) {
        Map<String, List<TriggerDef>> index = byTable;
        if (index.isEmpty()) return List.of(); // the common case, asked for every row written: no key to build
        List<TriggerDef> ofTable = index.get(db + "\0" + table);
        if (ofTable == null) return List.of();
        List<TriggerDef> out = new ArrayList<>();
        for (TriggerDef t : ofTable) if (t.timing() == timing && t.event() == event) out.add(t);
        return out;
    }

    /** Every trigger of a database (or of all when db is null), in SHOW TRIGGERS order. */
    public List<TriggerDef> triggers(String db) {
        List<TriggerDef> out = new ArrayList<>();
        for (TriggerDef t : triggers.values()) if (db == null || t.database().equals(db)) out.add(t);
        out.sort(Comparator.comparing(TriggerDef::database).thenComparing(TriggerDef::table)
                .thenComparing(TriggerDef::event).thenComparing(TriggerDef::timing).thenComparingInt(TriggerDef::order));
        return out;
    }

    /** Writes a trigger (new, or with a changed order). */
    void put(Transaction t, TriggerDef def) {
        t.put(Keyspace.metaKey(META_TRIGGER, def.database(), def.name()), encode(def.database(), def.ast().text(), def.definer(),
                def.sqlMode(), def.created(), def.order()));
        String key = triggerKey(def.database(), def.name());
        t.onCommit(() -> {
            triggers.put(key, def);
            reindex();
        });
    }

    void drop(Transaction t, TriggerDef def) {
        t.delete(Keyspace.metaKey(META_TRIGGER, def.database(), def.name()));
        String key = triggerKey(def.database(), def.name());
        t.onCommit(() -> {
            triggers.remove(key);
            reindex();
        });
    }

    /** DROP TABLE drops the table's triggers (in the same transaction). */
    public void dropTable(Transaction t, String db, String table) {
        for (TriggerDef d : triggers.values()) {
            if (d.database().equals(db) && d.table().equals(table)) drop(t, d);
        }
    }

    /**
     * RENAME TABLE / ALTER TABLE ... RENAME: the table's triggers follow it; a trigger cannot
     * leave its database (1435, as in MySQL).
     */
    public void renameTable(Transaction t, String db, String table, String newDb, String newTable) {
        List<TriggerDef> moving = new ArrayList<>();
        for (TriggerDef d : triggers.values()) if (d.database().equals(db) && d.table().equals(table)) moving.add(d);
        if (moving.isEmpty()) return;
        if (!db.equals(newDb)) throw new dev.basalt.engine.api.SqlException(1435, "HY000", "Trigger in wrong schema");
        for (TriggerDef d : moving) {
            CreateTrigger old = d.ast();
            String text = "CREATE DEFINER=" + d.definer() + " TRIGGER " + ProgramShow.quote(d.name()) + " "
                    + old.timing().name() + " " + old.event().name() + " ON " + ProgramShow.quote(newTable)
                    + " FOR EACH ROW " + old.bodyText();
            CreateTrigger moved = new CreateTrigger(old.definer(), old.name(), old.ifNotExists(), old.timing(), old.event(),
                    new dev.basalt.sql.ast.QualifiedName(null, newTable), old.follows(), old.orderTarget(), old.body(),
                    old.bodyText(), text);
            put(t, new TriggerDef(d.database(), d.name(), newTable, moved, d.definer(), d.sqlMode(), d.created(), d.order()));
        }
    }

    /** DROP DATABASE drops its routines and triggers. */
    public void dropDatabase(Transaction t, String db) {
        for (TriggerDef d : triggers.values()) if (d.database().equals(db)) drop(t, d);
        for (RoutineDef r : routines.values()) if (r.database().equals(db)) drop(t, r);
    }

    // ---------------------------------------------------------------- stored form

    private static byte[] encode(String db, String text, String definer, String sqlMode, LocalDateTime created, int order) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1); // format version
            writeString(out, db);
            out.writeLong(created.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
            writeString(out, definer);
            writeString(out, sqlMode);
            out.writeInt(order);
            writeString(out, text);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private record Stored(String db, LocalDateTime created, String definer, String sqlMode, int order, Statement statement) {}

    private static Stored decode(byte[] v) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(v))) {
            in.readByte();
            String db = readString(in);
            LocalDateTime created = LocalDateTime.ofInstant(Instant.ofEpochMilli(in.readLong()), ZoneId.systemDefault());
            String definer = readString(in);
            String sqlMode = readString(in);
            int order = in.readInt();
            String text = readString(in);
            boolean ansiQuotes = sqlMode.toUpperCase(Locale.ROOT).contains("ANSI_QUOTES");
            Statement st = MySqlParser.parseOne(text, ansiQuotes
                    ? new ParserOptions(true, false, false, false) : ParserOptions.DEFAULT);
            return new Stored(db, created, definer, sqlMode, order, st);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RoutineDef decodeRoutine(byte[] v) {
        Stored s = decode(v);
        CreateRoutine c = (CreateRoutine) s.statement();
        return new RoutineDef(s.db(), c.name().name(), c, s.definer(), s.sqlMode(), s.created());
    }

    private static TriggerDef decodeTrigger(byte[] v) {
        Stored s = decode(v);
        CreateTrigger c = (CreateTrigger) s.statement();
        return new TriggerDef(s.db(), c.name().name(), c.table().name(), c, s.definer(),
                s.sqlMode(), s.created(), s.order());
    }

}
