package dev.basalt.it.slt;

import dev.basalt.it.support.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The shared sqllogictest corpus; tests skip loudly when it is not on this machine. */
public final class SltCorpus {
    private SltCorpus() {}

    /** The corpus directory, or aborts the calling test with a loud message. */
    public static Path requireDir() {
        Path dir = RepoPaths.sltDir();
        if (!Files.isDirectory(dir) || !Files.isRegularFile(dir.resolve("select1.test"))) {
            String msg = "\n*** sqllogictest corpus not found at " + dir + " (set BASALT_SLT_DIR); SKIPPING ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
        return dir;
    }

    /** select1..5.test and evidence/*.test: the suite run in CI. */
    public static List<Path> ciFiles(Path dir) {
        List<Path> roots = new ArrayList<>();
        for (int i = 1; i <= 5; i++) roots.add(dir.resolve("select" + i + ".test"));
        roots.add(dir.resolve("evidence"));
        return SltFiles.expand(roots);
    }
}
