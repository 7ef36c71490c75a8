package dev.basalt.it.cli;

import dev.basalt.it.support.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code mariadb} command-line client with a script on stdin. */
public final class MariaDbCli {
    private static final String[] CANDIDATES = {"/usr/bin/mariadb", "/usr/bin/mysql"};
    private static final String OPTIONS_PREFIX = "-- cli-options:";

    private MariaDbCli() {}

    public record Output(int exitCode, String stdout, String stderr) {}

    public static String binary() {
        for (String c : CANDIDATES) if (Files.isExecutable(Path.of(c))) return c;
        return null;
    }

    /** Options come from the script's first line, {@code -- cli-options: --table --force}. */
    public static List<String> scriptOptions(Path script) throws IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(OPTIONS_PREFIX)) return List.of("--batch");
        return List.of(lines.get(0).substring(OPTIONS_PREFIX.length()).trim().split("\\s+"));
    }

    public static Output run(Endpoint e, Path script) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--no-defaults", "-h", e.host(), "-P",
                Integer.toString(e.port()), "-u", e.user(), "--protocol=TCP", "--skip-ssl"));
        if (!e.password().isEmpty()) cmd.add("--password=" + e.password());
        cmd.addAll(scriptOptions(script));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(script.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mariadb client timed out on " + script);
            }
            return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
