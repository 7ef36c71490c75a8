package dev.basalt.it.crash;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** Start, load, SIGKILL at a random moment, restart, verify; repeated for a number of rounds. */
public final class CrashRounds {
    private CrashRounds() {}

    public record Result(int rounds, long acknowledged, long retries, List<String> problems, List<String> unexpected) {}

    public static Result run(Crashable server, int rounds, double secondsPerRound, int threads, PrintStream out)
            throws Exception {
        BankWorkload bank = new BankWorkload();
        List<String> problems = new ArrayList<>();
        server.start();
        bank.setup(server.endpoint());
        for (int round = 1; round <= rounds; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = bank.startClients(server.endpoint(), threads, stop);
            long loadMillis = (long) (1000 * secondsPerRound * (0.3 + 0.7 * ThreadLocalRandom.current().nextDouble()));
            Thread.sleep(loadMillis);
            long ackedBefore = bank.acknowledged.size();
            server.kill();
            stop.set(true);
            for (Thread t : clients) t.join(30_000);
            server.start();
            List<String> roundProblems = bank.verify(server.endpoint());
            out.printf("crash round %d: killed after %d ms, %d transfers acknowledged so far (%d at kill), %d retries%s%n",
                    round, loadMillis, bank.acknowledged.size(), ackedBefore, bank.retries.get(),
                    roundProblems.isEmpty() ? ", invariants hold" : ", PROBLEMS: " + roundProblems);
            for (String p : roundProblems) problems.add("round " + round + ": " + p);
        }
        return new Result(rounds, bank.acknowledged.size(), bank.retries.get(), problems, List.copyOf(bank.unexpected));
    }
}
