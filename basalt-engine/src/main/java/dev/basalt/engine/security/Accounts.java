package dev.basalt.engine.security;

import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's accounts. Stored ones live in the catalog part of the KV store (one key per
 * account, written in the statement's transaction; the in-memory registry changes when it
 * commits). {@code root} is built in and never stored: its password comes from the settings and
 * it holds every privilege, so it keeps working exactly as before accounts existed.
 */
public final class Accounts {
    /** Catalog key kind for accounts (lower case: the upper-case letters are the catalog's). */
    static final byte META_ACCOUNT = 'u';
    public static final String ROOT = "root";

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Account root;

    public Accounts(KvStore store, String rootPassword) {
        this.root = Account.create(ROOT, "%", Account.CACHING_SHA2, rootPassword).withGrants(Grants.everything());
        byte[] p = Keyspace.metaPrefix(META_ACCOUNT);
        try (KvSnapshot snap = store.snapshot(); KvCursor c = snap.scan(p, Keyspace.prefixSuccessor(p))) {
            while (c.next()) {
                Account a = Account.decode(c.value());
                accounts.put(key(a.user(), a.host()), a);
            }
        }
    }

    private static String key(String user, String host) { return user + "\0" + host.toLowerCase(Locale.ROOT); }

    private static byte[] metaKey(String user, String host) {
        return Keyspace.metaKey(META_ACCOUNT, user, host.toLowerCase(Locale.ROOT));
    }

    public Account root() { return root; }

    public static boolean isRoot(String user) { return ROOT.equals(user); }

    /** The account a client at {@code clientHost} logs in as, MySQL's most-specific-host-first. */
    public Optional<Account> match(String user, String clientHost) {
        if (isRoot(user)) return Optional.of(root);
        return accounts.values().stream()
                .filter(a -> a.user().equals(user) && HostPattern.matches(a.host(), clientHost))
                .min(Comparator.comparingInt((Account a) -> HostPattern.specificity(a.host())).thenComparing(Account::host));
    }

    /** The account exactly named {@code 'user'@'host'}. */
    public Optional<Account> get(String user, String host) {
        if (isRoot(user) && host.equals("%")) return Optional.of(root);
        return Optional.ofNullable(accounts.get(key(user, host)));
    }

    /** The stored account of a role list's "user\0host" key. */
    public Optional<Account> byKey(String key) {
        return Optional.ofNullable(accounts.get(key));
    }

    /** Every stored account and root, sorted by user then host. */
    public List<Account> all() {
        List<Account> out = new ArrayList<>(accounts.values());
        out.add(root);
        out.sort(Comparator.comparing(Account::user).thenComparing(Account::host));
        return out;
    }

    public void put(Transaction t, Account a) {
        t.put(metaKey(a.user(), a.host()), a.encode());
        String k = key(a.user(), a.host());
        t.onCommit(() -> accounts.put(k, a));
    }

    public void remove(Transaction t, String user, String host) {
        t.delete(metaKey(user, host));
        String k = key(user, host);
        t.onCommit(() -> accounts.remove(k));
    }
}
