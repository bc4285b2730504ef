package dev.herald.samples;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar herald-sample.jar [options]}: starts the sample site, prints one {@code herald: ready …} line,
 * and runs until SIGTERM (or Ctrl-C), when it stops Jetty, lets deliveries in flight finish or stay queued, and
 * closes the store. A bad command line prints the reason and exits with status 2.
 */
public final class SampleMain {
    /** The exit status for a bad command line. */
    public static final int USAGE_ERROR = 2;

    private SampleMain() {}

    /** Runs the sample until the JVM is told to stop. */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (Options.HelpRequested e) {
            System.out.println(Options.USAGE);
            return;
        } catch (Options.UsageException e) {
            System.err.println("herald: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        SampleServer server;
        try {
            server = start(options, System.out);
        } catch (Exception e) {
            System.err.println("herald: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("herald: stopping");
                            server.close();
                            System.out.println("herald: stopped");
                            System.out.flush();
                            stopped.countDown();
                        },
                        "herald-shutdown"));
        stopped.await();
    }

    /** Starts the sample and prints its warnings, the admin token (if generated) and the ready line to {@code out}. */
    static SampleServer start(Options options, PrintStream out) throws Exception {
        if (options.allowPrivateNetwork()) {
            out.println("herald: WARNING: --allow-private-network: http:// peers and peers on loopback and private"
                    + " addresses are allowed. For local federation tests only; never on a public server.");
        }
        SampleServer server = SampleServer.start(options);
        if (options.adminToken().isEmpty()) {
            out.println(
                    "herald: admin token (random, this run only; set one with --admin-token): " + server.adminToken());
        }
        out.println(server.readyLine());
        out.flush();
        return server;
    }
}
