package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link LmdbCrashTest}: commits numbered batches forever and prints "ack N"
 * after commit N returned, until the parent kills it. Optional second argument: the Durability.
 */
public final class CrashChild {

    public static void main(String[] args) {
        Durability durability = args.length > 1 ? Durability.valueOf(args[1]) : Durability.FULL;
        LmdbKvStore store = LmdbKvStore.open(Path.of(args[0]), LmdbOptions.defaults().withDurability(durability));
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        for (int i = 0; ; i++) {
            String key = String.format("k%07d", i);
            byte[] value = ("value-" + i).repeat(20).getBytes(StandardCharsets.UTF_8);
            store.commit(new WriteBatch().put(key.getBytes(StandardCharsets.UTF_8), value)
                    .put(("last").getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)));
            System.out.println("ack " + i);
            System.out.flush();
        }
    }
}
