package dev.basalt.pageserver.timeline;

import dev.basalt.pageserver.layer.LayerName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The page server's local disk: a copy of the layer files it wrote or downloaded, so a restart does
 * not download what it already has. Only a cache: object storage is the truth, and a file that
 * fails its checksum is simply fetched again. A null directory keeps nothing locally.
 */
public final class LayerCache {

    private final Path dir;

    public LayerCache(Path dir) { this.dir = dir; }

    private Path file(String timeline, LayerName layer) { return dir.resolve("timelines").resolve(timeline).resolve(layer.fileName()); }

    void write(String timeline, LayerName layer, byte[] bytes) {
        if (dir == null) return;
        try {
            Path target = file(timeline, layer);
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cached bytes, or null when absent or unreadable. */
    byte[] read(String timeline, LayerName layer) {
        if (dir == null) return null;
        try {
            Path f = file(timeline, layer);
            return Files.exists(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void delete(String timeline, LayerName layer) {
        if (dir == null) return;
        try {
            Files.deleteIfExists(file(timeline, layer));
        } catch (IOException ignored) {
            // a stray cache file is harmless: it is never named by an index again
        }
    }

    /** Removes every cached layer of {@code timeline} (its branch was deleted). */
    void deleteTimeline(String timeline) {
        if (dir == null) return;
        Path root = dir.resolve("timelines").resolve(timeline);
        if (!Files.isDirectory(root)) return;
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException ignored) {
            // stray cache files are harmless: no index names them, and a new branch of the name overwrites by name
        }
    }
}
