package dev.herald.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fan-out benchmark: one activity to N distinct inboxes on loopback sinks ({@link LoopbackSinks}), sent by
 * Herald (a {@link FanOutNode} in its own JVM, with the heap it is given) and by Fedify 2.3.6
 * ({@code samples/interop/bench/fedify-fanout.mjs}) against the same sinks, beside {@code openssl speed -multi 2
 * rsa2048} measured in the same run: the floor of one RSA-2048 signature per request. Each sender fans out a
 * warm-up activity first (a site's server runs warm), then the measured one; deliveries per second are counted from
 * the moment the sender is told to go until the last inbox received the activity, as the sinks see it.
 *
 * <p>Usage (see {@code benchmarks/run-fanout.sh}): {@code FanOutBenchmark [--inboxes N] [--hosts H] [--stores
 * memory,h2,postgres] [--heap 256m] [--fedify in-process,none] [--no-openssl] [--warmups 12] [--no-warmup] [--rounds 3]
 * [--no-paired] [--tls]}. Each figure is the median of the measured rounds. With {@code --tls} the sinks speak HTTPS
 * with a self-signed certificate ({@link BenchTls}) that the senders are told to trust, as every real inbox does.
 *
 * <p>Paired OpenSSL runs: this VM's speed drifts by several per cent within minutes (OpenSSL's own figure moved by 6 %
 * between the start and the end of one run), more than the margin the 80 % target leaves. So, unless {@code
 * --no-paired}, a 3-second {@code openssl speed -multi 2 rsa2048} also runs before the first measured Herald round
 * and after each one, and each round's rate is set against the mean of the OpenSSL runs on either side of it: the
 * round's share of what OpenSSL did on the same machine within seconds. The row reports the median of these shares
 * beside the share of the higher before/after figure.
 */
public final class FanOutBenchmark {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
    private static final long BASE_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static int rounds = 3;
    private static boolean paired = true;
    private static Path tlsDir;
    /** The embedded PostgreSQL's port while a PostgreSQL row runs, else 0. */
    private static int postgresPort;
    /** Options without a value (beside the {@code --no-…} ones). */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("tls");

    private FanOutBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int inboxes = Integer.parseInt(options.getOrDefault("inboxes", "5000"));
        int hosts = Integer.parseInt(options.getOrDefault("hosts", "200"));
        List<String> stores = list(options.getOrDefault("stores", "memory,h2,postgres"));
        String heap = options.getOrDefault("heap", "256m");
        List<String> fedify = list(options.getOrDefault("fedify", "in-process"));
        boolean openssl = !options.containsKey("no-openssl");
        paired = openssl && !options.containsKey("no-paired");
        boolean tls = options.containsKey("tls");
        // Warm-up rounds before the measured one: the JIT compilers still used a quarter of Herald's CPU after three
        // rounds of 5,000 and settled after five or six; C2 still recompiled for 10-100 ms of a round after eight
        // (JIT log); twelve, as on a site's long-running server.
        int warmUp = options.containsKey("no-warmup") ? 0 : Integer.parseInt(options.getOrDefault("warmups", "12"));
        // A round of 5,000 lasts under a second, and one round's rate moved by ±5 % from run to run: each sender's
        // figure is the median of these measured rounds.
        rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        System.out.printf(
                "fan-out: one Create (an 800-character Note) to %,d distinct inboxes on %d loopback hosts over %s; %d cores,"
                        + " %s%n",
                inboxes,
                hosts,
                tls ? "HTTPS" : "HTTP",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        List<String[]> rows = new ArrayList<>();
        double opensslBefore = openssl ? openssl(5) : Double.NaN;
        if (openssl) {
            rows.add(new String[] {"openssl speed -multi 2 rsa2048 (sign/s, before)", fmt(opensslBefore), "", ""});
        }
        Path work = Files.createTempDirectory("herald-fanout-bench");
        if (tls) {
            tlsDir = work;
            BenchTls.create(work, LoopbackSinks.addresses(hosts));
        }
        try (LoopbackSinks sinks = new LoopbackSinks(hosts, inboxes, tls ? BenchTls.serving(work) : null)) {
            Path followers = work.resolve("followers.txt");
            Path inboxList = work.resolve("inboxes.txt");
            try (Writer f = Files.newBufferedWriter(followers);
                    Writer i = Files.newBufferedWriter(inboxList)) {
                for (int n = 0; n < inboxes; n++) {
                    f.write(sinks.actor(n) + " " + sinks.inbox(n) + "\n");
                    i.write(sinks.inbox(n) + "\n");
                }
            }
            for (String store : stores) {
                rows.add(herald(sinks, followers, store, heap, warmUp));
            }
            for (String queue : fedify) {
                rows.add(fedify(sinks, inboxList, queue, warmUp));
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        if (openssl) {
            double after = openssl(5);
            rows.add(new String[] {"openssl speed -multi 2 rsa2048 (sign/s, after)", fmt(after), "", ""});
            double floor = Math.max(opensslBefore, after);
            System.out.println();
            System.out.printf("%-58s %12s %10s %10s  %s%n", "sender", "per second", "of openssl", "paired", "notes");
            for (String[] row : rows) {
                String share = row[1].isEmpty() || row[0].startsWith("openssl")
                        ? ""
                        : String.format("%.1f %%", 100 * Double.parseDouble(row[1].replace(",", "")) / floor);
                System.out.printf("%-58s %12s %10s %10s  %s%n", row[0], row[1], share, row[2], row[3]);
            }
            System.out.printf(
                    "(\"of openssl\": of the higher openssl figure, %s sign/s; \"paired\": the median of each measured"
                            + " round's share of the 3-second openssl runs just before and after it)%n",
                    fmt(floor));
        } else {
            for (String[] row : rows) {
                System.out.printf("%-58s %12s  %s%n", row[0], row[1], row[3]);
            }
        }
    }

    /** Herald in its own JVM: seed, go, wait for every inbox, report. */
    private static String[] herald(LoopbackSinks sinks, Path followers, String store, String heap, int warmUp)
            throws Exception {
        sinks.reset();
        EmbeddedPostgres pg =
                store.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        String storeArg = pg == null ? store : pg.getJdbcUrl("postgres", "postgres");
        postgresPort = pg == null ? 0 : pg.getPort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        String extra = System.getProperty("fanout.node.jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (tlsDir != null) {
            command.add("-Dfanout.tls=" + tlsDir);
        }
        String provider = System.getProperty("herald.signatures.provider");
        if (provider != null) {
            command.add("-Dherald.signatures.provider=" + provider);
        }
        command.addAll(List.of(FanOutNode.class.getName(), followers.toString(), storeArg));
        Process node = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            Map<String, String> ready = expect(out, "ready");
            System.out.printf(
                    "herald %s, -Xmx%s: %s followers seeded in %s ms%n",
                    store, heap, ready.get("followers"), ready.get("seed_ms"));
            // Warm-up round: the same fan-out once, so the measured round runs on a warm JVM, as a site's does.
            double warmRate = Double.NaN;
            for (int round = 1; round <= warmUp; round++) {
                in.write("prepare\n");
                in.flush();
                expect(out, "prepared");
                long warmGo = System.nanoTime();
                in.write("go\n");
                in.flush();
                expect(out, "queued");
                boolean warmAll = sinks.awaitRequests(sinks.inboxes(), timeout(sinks));
                double roundRate = sinks.reached() / ((sinks.lastNanos() - warmGo) / 1e9);
                if (warmAll) {
                    expect(out, "cpu");
                    expect(out, "done");
                }
                System.out.printf("  warm-up round %d: %,.0f deliveries/s%n", round, roundRate);
                if (round == 1) {
                    warmRate = roundRate;
                }
                sinks.reset();
            }
            List<Round> measured = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            double opensslBefore = paired ? openssl(3) : Double.NaN;
            for (int round = 1; round <= rounds; round++) {
                Round r = heraldRound(node, out, in, sinks, warmRate);
                System.out.printf("  measured round %d: %,.0f deliveries/s (%s)%n", round, r.rate(), r.notes());
                measured.add(r);
                sinks.reset();
                if (paired) {
                    double opensslAfter = openssl(3);
                    double share = r.rate() / ((opensslBefore + opensslAfter) / 2);
                    System.out.printf(
                            "  measured round %d: %.1f %% of the mean of the openssl runs beside it (%,.0f and %,.0f)%n",
                            round, 100 * share, opensslBefore, opensslAfter);
                    shares.add(share);
                    opensslBefore = opensslAfter;
                }
            }
            // Publish -> delivery on a warm engine: one activity to one inbox at a time.
            long[] latencies = new long[50];
            for (int i = 0; i < latencies.length; i++) {
                long before = sinks.requests();
                long t0 = System.nanoTime();
                in.write("one\n");
                in.flush();
                while (sinks.requests() == before && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                    Thread.onSpinWait();
                }
                latencies[i] = sinks.lastNanos() - t0;
            }
            Arrays.sort(latencies);
            System.out.printf(
                    "  publish -> delivery, one inbox, warm: p50 %.1f ms, p90 %.1f ms (50 activities)%n",
                    latencies[25] / 1e6, latencies[45] / 1e6);
            in.close();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            Round median = median(measured);
            double rate = median.rate();
            String notes = median.notes() + (rounds > 1 ? "; the median of " + rounds + " measured rounds" : "");
            System.out.printf("  %,.0f deliveries/s (%s)%n", rate, notes);
            String pairedShare = "";
            if (!shares.isEmpty()) {
                List<Double> sorted = new ArrayList<>(shares);
                sorted.sort(null);
                pairedShare = String.format("%.1f %%", 100 * sorted.get(sorted.size() / 2));
                StringBuilder each = new StringBuilder();
                for (double share : shares) {
                    each.append(each.length() == 0 ? "" : ", ").append(String.format("%.1f %%", 100 * share));
                }
                System.out.printf("  of the openssl runs beside each round: %s; median %s%n", each, pairedShare);
            }
            return new String[] {
                "Herald, " + store + " store, -Xmx" + heap + (tlsDir != null ? ", HTTPS" : ""),
                fmt(rate),
                pairedShare,
                notes
            };
        } finally {
            node.destroyForcibly();
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** One measured fan-out as the driver sees it: deliveries per second and what went with them. */
    private record Round(double rate, String notes) {}

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Round::rate));
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Tells the node to prepare (a full GC, counters read: not part of the fan-out), then to go, and measures until
     * every inbox got the activity.
     */
    private static Round heraldRound(Process node, BufferedReader out, Writer in, LoopbackSinks sinks, double warmRate)
            throws Exception {
        in.write("prepare\n");
        in.flush();
        expect(out, "prepared");
        long sinkCpu = processCpuMillis();
        long databaseCpu = postgresCpuMillis();
        long senderCpu = cpuMillisOf(node);
        Map<String, Long> threadsBefore = cpuByThread(node);
        long[] ticksBefore = machineTicks();
        long go = System.nanoTime();
        in.write("go\n");
        in.flush();
        Map<String, String> queued = expect(out, "queued");
        boolean all = sinks.awaitRequests(sinks.inboxes(), timeout(sinks));
        long last = sinks.lastNanos();
        long[] ticksAfter = machineTicks();
        sinkCpu = processCpuMillis() - sinkCpu;
        databaseCpu = postgresCpuMillis() - databaseCpu;
        senderCpu = cpuMillisOf(node) - senderCpu;
        Map<String, Long> threadsAfter = cpuByThread(node);
        StringBuilder byThread = new StringBuilder();
        threadsAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= 10)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byThread.append(e.getKey())
                        .append('=')
                        .append(e.getValue())
                        .append(' '));
        System.out.printf(
                "  Herald's process, CPU ms by native thread: %s%n",
                byThread.toString().trim());
        Map<String, String> cpu = all ? expect(out, "cpu") : Map.of();
        Map<String, String> done = all ? expect(out, "done") : Map.of();
        int reached = sinks.reached();
        long duplicates = sinks.duplicates();
        long unsigned = sinks.unsigned();
        double seconds = (last - go) / 1e9;
        double rate = reached / seconds;
        String notes = String.format(
                "%,d of %,d inboxes, %d duplicates, %d unsigned; enqueue %s ms, first after %.0f ms;"
                        + " all recorded after %s ms; heap peak %s MiB of %s, %s GCs%s; CPU ms: %s, sinks and driver=%d%s;"
                        + " Herald's process %d ms of CPU, %,.0f deliveries per CPU-second; machine idle %.0f %%;"
                        + " cold JVM %,.0f/s",
                reached,
                sinks.inboxes(),
                duplicates,
                unsigned,
                queued.get("enqueue_ms"),
                (sinks.firstNanos() - go) / 1e6,
                done.getOrDefault("ms", "?"),
                done.getOrDefault("heap_peak_mib", "?"),
                done.getOrDefault("heap_max_mib", "?"),
                done.getOrDefault("gcs", "?"),
                done.containsKey("h2_chunks")
                        ? String.format(
                                ", H2 file %s MiB in %s chunks after %s writes",
                                done.get("h2_file_mib"), done.get("h2_chunks"), done.get("h2_writes"))
                        : "",
                cpu.toString().replaceAll("[{}]", "").replace("_ms", ""),
                sinkCpu,
                databaseCpu > 0 ? ", PostgreSQL's processes=" + databaseCpu : "",
                senderCpu,
                reached * 1000.0 / Math.max(1, senderCpu),
                100.0 * (ticksAfter[0] - ticksBefore[0]) / Math.max(1, ticksAfter[1] - ticksBefore[1]),
                warmRate);
        return new Round(rate, notes);
    }

    /** Fedify 2.3.6 in Node: the same activity size to the same inboxes. */
    private static String[] fedify(LoopbackSinks sinks, Path inboxList, String queue, int warmUp) throws Exception {
        sinks.reset();
        Path script = Path.of("samples/interop/bench/fedify-fanout.mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + script.toAbsolutePath() + ": run from the repository root");
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "node", script.toString(), "--inboxes", inboxList.toString(), "--queue", queue)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (tlsDir != null) {
            builder.environment()
                    .put("NODE_EXTRA_CA_CERTS", tlsDir.resolve("sinks.pem").toString());
        }
        // Fedify warns once per activity that it has no Ed25519 key for an integrity proof (this benchmark gives it
        // the RSA key alone, so it signs what Herald signs): errors only, unless FEDIFY_PEER_LOG says otherwise.
        builder.environment().putIfAbsent("FEDIFY_PEER_LOG", "error");
        Process node = builder.start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            awaitJson(out, "ready");
            // Warm-up rounds, as for Herald.
            double warmRate = Double.NaN;
            for (int round = 1; round <= warmUp; round++) {
                long warmGo = System.nanoTime();
                in.write("go\n");
                in.flush();
                boolean warmAll = sinks.awaitRequests(sinks.inboxes(), timeout(sinks));
                double roundRate =
                        sinks.reached() / (((warmAll ? sinks.lastNanos() : System.nanoTime()) - warmGo) / 1e9);
                System.out.printf(
                        "  fedify warm-up round %d: %,.0f deliveries/s%s%n",
                        round, roundRate, warmAll ? "" : " (timed out)");
                if (round == 1) {
                    warmRate = roundRate;
                }
                Thread.sleep(1000); // let stragglers of the warm-up arrive before the counters reset
                sinks.reset();
            }
            List<Round> measured = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long senderCpu = cpuMillisOf(node);
                long go = System.nanoTime();
                in.write("go\n");
                in.flush();
                boolean all = sinks.awaitRequests(sinks.inboxes(), timeout(sinks));
                long last = all ? sinks.lastNanos() : System.nanoTime();
                senderCpu = cpuMillisOf(node) - senderCpu;
                double seconds = (last - go) / 1e9;
                double rate = sinks.reached() / seconds;
                String notes = String.format(
                        "%,d of %,d inboxes%s, %d duplicates, %d unsigned, first after %.0f ms; Node's process %d ms of"
                                + " CPU, %,.0f deliveries per CPU-second; cold %,.0f/s",
                        sinks.reached(),
                        sinks.inboxes(),
                        all ? "" : " (timed out)",
                        sinks.duplicates(),
                        sinks.unsigned(),
                        (sinks.firstNanos() - go) / 1e6,
                        senderCpu,
                        sinks.reached() * 1000.0 / Math.max(1, senderCpu),
                        warmRate);
                System.out.printf("  fedify measured round %d: %,.0f deliveries/s (%s)%n", round, rate, notes);
                measured.add(new Round(rate, notes));
                Thread.sleep(1000);
                sinks.reset();
            }
            Round median = median(measured);
            double rate = median.rate();
            String notes = median.notes() + (rounds > 1 ? "; the median of " + rounds + " measured rounds" : "");
            System.out.printf("fedify 2.3.6, %s queue: %,.0f deliveries/s (%s)%n", queue, rate, notes);
            return new String[] {
                "Fedify 2.3.6 (Node " + nodeVersion() + "), " + queue + " queue" + (tlsDir != null ? ", HTTPS" : ""),
                fmt(rate),
                "",
                notes
            };
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** CPU time of this process (the sinks and the driver), in ms. */
    /** The machine's idle and total CPU time so far, in clock ticks, from {@code /proc/stat}. */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
    }

    private static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    /**
     * CPU time (user and system) a child process has used so far, in ms, from {@code /proc/<pid>/stat}: what the
     * sender itself spends, apart from the sinks, the driver and the kernel's loopback work done on their side.
     */
    private static long cpuMillisOf(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // The command name (field 2) may hold spaces; fields 14 and 15 (utime, stime) follow it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / CLOCK_TICKS;
    }

    /**
     * CPU ms used so far by the embedded PostgreSQL's processes (the postmaster found by its port, and its children:
     * the connections' backends and its workers), which share the two cores with the sender; 0 if none runs. A
     * backend that has already exited no longer counts.
     */
    private static long postgresCpuMillis() {
        if (postgresPort == 0) {
            return 0;
        }
        String port = " -p " + postgresPort + " ";
        long ticks = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
            if (p.info().commandLine().orElse("").contains(port)) {
                ticks += ticksOf(p.pid());
                for (ProcessHandle child : (Iterable<ProcessHandle>) p.children()::iterator) {
                    ticks += ticksOf(child.pid());
                }
            }
        }
        return ticks * 1000 / CLOCK_TICKS;
    }

    /** User and system ticks of a process from {@code /proc/<pid>/stat}; 0 if it has ended. */
    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU ms per kind of thread of a child process (JVM threads by name, digits dropped), from {@code /proc}. */
    private static Map<String, Long> cpuByThread(Process process) {
        Map<String, Long> byName = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byName.merge(name, ticks * 1000 / CLOCK_TICKS, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return byName;
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), 100 on Linux unless built otherwise. */
    private static final long CLOCK_TICKS = clockTicks();

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }

    /** Five minutes, and 5 ms more per inbox: a 100,000-inbox run on a slow store may take that long. */
    private static long timeout(LoopbackSinks sinks) {
        return BASE_TIMEOUT_NANOS + TimeUnit.MILLISECONDS.toNanos(5L * sinks.inboxes());
    }

    /** Runs {@code openssl speed -multi 2 rsa2048} and returns its sign/s. */
    static double openssl(int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "openssl", "speed", "-seconds", Integer.toString(seconds), "-multi", "2", "rsa2048")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // "rsa 2048 bits 0.000236s 0.000007s   8479.0 135032.0" (multi: "rsa 2048 bits ... sign/s verify/s")
        Matcher m = Pattern.compile("rsa\\s+2048 bits\\s+\\S+\\s+\\S+\\s+([0-9.]+)\\s+([0-9.]+)")
                .matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("cannot read openssl speed's output:\n" + output);
        }
        double signs = Double.parseDouble(m.group(1));
        System.out.printf("openssl speed -seconds %d -multi 2 rsa2048: %,.0f sign/s%n", seconds, signs);
        return signs;
    }

    private static Map<String, String> expect(BufferedReader out, String event) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(event + " ")) {
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher m = FIELD.matcher(line);
                while (m.find()) {
                    fields.put(m.group(1), m.group(2));
                }
                return fields;
            }
            System.out.println("  | " + line);
        }
        throw new IllegalStateException("the sender ended before saying " + event);
    }

    private static void awaitJson(BufferedReader out, String event) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.contains("\"event\":\"" + event + "\"")) {
                return;
            }
            System.out.println("  | " + line);
        }
        throw new IllegalStateException("fedify-fanout ended before saying " + event);
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.startsWith("no-") || FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static List<String> list(String csv) {
        return csv.isBlank() || csv.equals("off") ? List.of() : List.of(csv.split(","));
    }

    private static String fmt(double perSecond) {
        return String.format("%,.0f", perSecond);
    }
}
