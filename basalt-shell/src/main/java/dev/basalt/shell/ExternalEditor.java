package dev.basalt.shell;

import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shell's {@code \e}: opens $VISUAL, else $EDITOR, else vi on the statement being typed (or
 * the last one), as the mysql client does, and returns the edited text.
 */
final class ExternalEditor {

    private ExternalEditor() {}

    /** The edited text, or null when the editor could not run or exited with an error (a message says so). */
    static String edit(Terminal terminal, String text, PrintStream screen) {
        String editor = firstSet(System.getenv("VISUAL"), System.getenv("EDITOR"), "vi");
        Path file = null;
        terminal.pause(); // the editor owns the terminal until it exits
        try {
            file = Files.createTempFile("basalt-edit", ".sql");
            Files.writeString(file, text.isBlank() ? "" : text + "\n", StandardCharsets.UTF_8);
            // through sh, so EDITOR may carry options ("code --wait", "emacs -nw")
            Process p = new ProcessBuilder("/bin/sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                screen.println("ERROR: the editor (" + editor + ") exited with status " + rc + "; the buffer was dropped");
                return null;
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            screen.println("ERROR: cannot run the editor (" + editor + "): " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            terminal.resume();
            if (file != null) file.toFile().delete();
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return "vi";
    }
}
