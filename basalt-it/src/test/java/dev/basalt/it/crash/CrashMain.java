package dev.basalt.it.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/crash-test [--rounds N] [--seconds S] [--threads T] [--mariadb] [-- extra server args]}:
 * the crash test at any length. Exit code 0 when every invariant held in every round.
 */
public final class CrashMain {
    private CrashMain() {}

    public static void main(String[] args) throws Exception {
        int rounds = 20;
        double seconds = 10;
        int threads = 8;
        boolean mariadb = false;
        List<String> serverArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--mariadb" -> mariadb = true;
                case "--" -> {
                    serverArgs.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> {
                    System.err.println("usage: crash-test [--rounds N] [--seconds S] [--threads T] [--mariadb] [-- server args]");
                    System.exit(2);
                }
            }
        }
        Crashable server = mariadb ? new MariaDbCrashable() : new BasaltCrashable(serverArgs);
        CrashRounds.Result r;
        try (server) {
            r = CrashRounds.run(server, rounds, seconds, threads, System.out);
        }
        System.out.printf("%d rounds, %d transfers acknowledged, %d conflict retries%n", r.rounds(), r.acknowledged(), r.retries());
        r.unexpected().forEach(u -> System.out.println("unexpected error: " + u));
        r.problems().forEach(p -> System.out.println("PROBLEM: " + p));
        System.out.println(r.problems().isEmpty() ? "PASS" : "FAIL");
        System.exit(r.problems().isEmpty() ? 0 : 1);
    }
}
