package dev.basalt.engine.json;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typed value behind a JSON text read from storage, for as long as that very text (the same
 * String instance) is in use. A row carries a JSON column as its canonical text; when the stored
 * document holds scalars the text cannot show (DECIMAL, DATE, TIME, DATETIME), the decoder
 * registers the typed document here so that {@link Json#parse} answers with it, as MySQL's binary
 * JSON keeps those types. Keys are weak and compared by identity: an equal text typed differently
 * (a DOUBLE 1.5 written as text) is never confused with it, and an entry goes when its text does.
 */
final class JsonTyping {
    private JsonTyping() {}

    private static final ConcurrentHashMap<Key, Object> TYPED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<String> GONE = new ReferenceQueue<>();

    /** A text by identity. */
    private static final class Key extends WeakReference<String> {
        final int hash;

        Key(String text, ReferenceQueue<String> queue) {
            super(text, queue);
            hash = System.identityHashCode(text);
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            if (this == o) return true;
            if (!(o instanceof Key k)) return false;
            String mine = get();
            return mine != null && mine == k.get();
        }
    }

    /** Remembers {@code value} as what {@code text} (this instance) stands for. */
    static void register(String text, Object value) {
        forgetGone();
        TYPED.put(new Key(text, GONE), value);
    }

    /** Drops the entries whose text has been collected. */
    private static void forgetGone() {
        for (Object k; (k = GONE.poll()) != null; ) TYPED.remove(k);
    }

    /** The value registered for this very text, or null. */
    static Object lookup(String text) {
        if (TYPED.isEmpty()) return null;
        forgetGone();
        return TYPED.get(new Key(text, null));
    }
}
