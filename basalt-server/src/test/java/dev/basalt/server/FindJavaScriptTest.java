package dev.basalt.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs bin/lib/find-java.sh (shared by bin/basalt and bin/test) against fake JDKs, so the rules
 * are checked whatever JDKs this machine has.
 */
class FindJavaScriptTest {

    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/lib/find-java.sh");

    @TempDir
    Path dir;
    private Path jvm;
    private Path pathBin;

    private record Result(int exit, String out, String err) {}

    @BeforeEach
    void fakeJdks() throws IOException {
        jvm = Files.createDirectories(dir.resolve("jvm"));
        pathBin = Files.createDirectories(dir.resolve("path-bin"));
        fakeJdk(jvm.resolve("java-8"), "openjdk version \"1.8.0_402\"");
        fakeJdk(jvm.resolve("java-17-openjdk"), "openjdk version \"17.0.15\" 2025-04-15");
        fakeJdk(jvm.resolve("temurin-25-jdk"), "openjdk version \"25.0.3\" 2026-04-21 LTS");
        fakeJdk(jvm.resolve("jdk-21"), "java version \"21.0.2\" 2024-01-16 LTS");
        Files.createDirectories(jvm.resolve("not-a-jdk"));
    }

    private static void fakeJdk(Path home, String versionLine) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'Picked up JAVA_TOOL_OPTIONS: -Dx=y' >&2\necho '" + versionLine
                + "' >&2\necho 'OpenJDK Runtime Environment' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void javaOnPath(Path home) throws IOException {
        Files.createSymbolicLink(pathBin.resolve("java"), home.resolve("bin/java"));
    }

    private Result run(String javaHome) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", pathBin + ":/usr/bin:/bin");
        env.put("BASALT_JVM_DIR", jvm.toString());
        if (javaHome != null) env.put("JAVA_HOME", javaHome);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "script finished");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void oldJavaOnPathFallsBackToNewestJdkInJvmDir() throws Exception {
        javaOnPath(jvm.resolve("java-17-openjdk"));
        Result r = run(null);
        assertEquals(0, r.exit(), r.err());
        assertEquals(jvm.resolve("temurin-25-jdk").toString(), r.out());
    }

    @Test
    void oldJavaHomeIsSkipped() throws Exception {
        Result r = run(jvm.resolve("java-8").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(jvm.resolve("temurin-25-jdk").toString(), r.out());
    }

    @Test
    void newEnoughJavaHomeWinsOverNewerJdks() throws Exception {
        fakeJdk(jvm.resolve("jdk-26"), "openjdk version \"26-ea\" 2026-09-15");
        Result r = run(jvm.resolve("temurin-25-jdk").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(jvm.resolve("temurin-25-jdk").toString(), r.out());
    }

    @Test
    void newestJdkIsPickedFromJvmDir() throws Exception {
        fakeJdk(jvm.resolve("jdk-26"), "openjdk version \"26-ea\" 2026-09-15");
        Result r = run(null);
        assertEquals(0, r.exit(), r.err());
        assertEquals(jvm.resolve("jdk-26").toString(), r.out());
    }

    @Test
    void newEnoughJavaOnPathIsResolvedToItsHome() throws Exception {
        Path other = dir.resolve("opt/jdk25");
        fakeJdk(other, "openjdk version \"25\" 2025-09-16");
        javaOnPath(other);
        Result r = run(null);
        assertEquals(0, r.exit(), r.err());
        assertEquals(other.toString(), r.out());
    }

    @Test
    void clearErrorWhenNoJdkIsNewEnough() throws Exception {
        deleteTree(jvm.resolve("temurin-25-jdk"));
        javaOnPath(jvm.resolve("java-17-openjdk"));
        Result r = run(jvm.resolve("java-8").toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("needs Java 25 or newer"), r.err());
        assertTrue(r.err().contains("JAVA_HOME=" + jvm.resolve("java-8") + " is Java 8"), r.err());
        assertTrue(r.err().contains("is Java 17"), r.err());
        assertTrue(r.err().contains("newest JDK in " + jvm + " is Java 21"), r.err());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
