package dev.herald.samples;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sample's command line (see {@code SAMPLE-CONTRACT.md}), parsed and checked. Immutable.
 *
 * @param port the port to listen on, 0 for any free one
 * @param bind the address to listen on
 * @param baseUrl the public origin, if given; else {@code http://localhost:PORT} once the port is known
 * @param handle the actor's username
 * @param name the actor's display name
 * @param data the directory of the embedded database
 * @param jdbcUrl a database to use instead of the embedded one
 * @param adminToken the admin token, if given; else a random one
 * @param allowPrivateNetwork whether http and loopback or private peers are allowed
 * @param feed a feed to federate
 * @param feedInterval how often the feed is polled
 * @param approveFollowers whether follow requests wait for approval in the admin page
 * @param delivery the node name and delivery limits (an addition; Herald's defaults when not given)
 */
public record Options(
        int port,
        String bind,
        Optional<URI> baseUrl,
        String handle,
        String name,
        Path data,
        Optional<String> jdbcUrl,
        Optional<String> adminToken,
        boolean allowPrivateNetwork,
        Optional<URI> feed,
        Duration feedInterval,
        boolean approveFollowers,
        DeliveryOptions delivery) {

    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default feed polling interval. */
    public static final Duration DEFAULT_FEED_INTERVAL = Duration.ofMinutes(5);

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_]{0,28}[A-Za-z0-9])?");

    /** The text printed for {@code --help} and after a usage error. */
    public static final String USAGE = String.join(
            "\n",
            "usage: java -jar herald-sample.jar [options]",
            "  --port N                 port to listen on (0 = any free port; default 8080)",
            "  --bind ADDR              address to listen on (default 127.0.0.1)",
            "  --base-url URL           public origin for ids and links (default http://localhost:PORT)",
            "  --handle NAME            the actor's username (default news)",
            "  --name TEXT              the actor's display name (default News)",
            "  --data DIR               embedded database directory (default ./herald-data)",
            "  --jdbc-url URL           use this database (PostgreSQL) instead of the embedded one",
            "  --admin-token TOKEN      bearer token for the admin API and page (default: random, printed)",
            "  --allow-private-network  allow http:// and loopback/private peers (local tests only)",
            "  --feed URL               federate the entries of this RSS or Atom feed (file:, http:, https:)",
            "  --feed-interval SECONDS  how often to poll the feed (default 300)",
            "  --approve-followers      follow requests wait for approval (admin page or API)",
            "  --node NAME              name of this process, in the delivery User-Agent (several nodes, one database)",
            "  --delivery-in-flight N   deliveries this process holds at once (default 128)",
            "  --delivery-per-host N    requests to one remote host at once (default 4)",
            "  --delivery-timeout SECONDS  timeout of one delivery request (default 30)",
            "  --delivery-lease SECONDS    how long a claimed delivery is held before another process may take it"
                    + " (default 300; at least twice the timeout)",
            "  --help                   print this and exit");

    /** Thrown for a bad command line; the sample prints the message and exits with status 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Thrown for {@code --help}. */
    public static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(USAGE);
        }
    }

    /** The defaults, as if no option was given. */
    public static Options defaults() {
        try {
            return parse(List.of());
        } catch (UsageException | HelpRequested e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Parses the arguments ({@code --opt value} or {@code --opt=value}).
     *
     * @throws UsageException naming the bad option
     * @throws HelpRequested for {@code --help} or {@code -h}
     */
    public static Options parse(List<String> args) throws UsageException, HelpRequested {
        int port = DEFAULT_PORT;
        String bind = "127.0.0.1";
        Optional<URI> baseUrl = Optional.empty();
        String handle = "news";
        String name = "News";
        Path data = Path.of("herald-data");
        Optional<String> jdbcUrl = Optional.empty();
        Optional<String> adminToken = Optional.empty();
        boolean allowPrivate = false;
        Optional<URI> feed = Optional.empty();
        Duration feedInterval = DEFAULT_FEED_INTERVAL;
        boolean approveFollowers = false;
        DeliveryOptions delivery = DeliveryOptions.defaults();

        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--allow-private-network" -> {
                    if (value != null) {
                        throw new UsageException("--allow-private-network takes no value");
                    }
                    allowPrivate = true;
                }
                case "--approve-followers" -> {
                    if (value != null) {
                        throw new UsageException("--approve-followers takes no value");
                    }
                    approveFollowers = true;
                }
                case "--port" -> port = port(value(arg, value, rest));
                case "--bind" -> bind = notBlank(arg, value(arg, value, rest));
                case "--base-url" -> baseUrl = Optional.of(baseUrl(value(arg, value, rest)));
                case "--handle" -> handle = handle(value(arg, value, rest));
                case "--name" -> name = notBlank(arg, value(arg, value, rest));
                case "--data" -> data = Path.of(notBlank(arg, value(arg, value, rest)));
                case "--jdbc-url" -> jdbcUrl = Optional.of(jdbcUrl(value(arg, value, rest)));
                case "--admin-token" -> adminToken = Optional.of(token(value(arg, value, rest)));
                case "--feed" -> feed = Optional.of(feed(value(arg, value, rest)));
                case "--feed-interval" -> feedInterval = interval(value(arg, value, rest));
                case "--node" -> delivery = delivery.withNode(value(arg, value, rest));
                case "--delivery-in-flight" -> delivery = delivery.withInFlight(value(arg, value, rest));
                case "--delivery-per-host" -> delivery = delivery.withPerHost(value(arg, value, rest));
                case "--delivery-timeout" -> delivery = delivery.withTimeout(value(arg, value, rest));
                case "--delivery-lease" -> delivery = delivery.withLease(value(arg, value, rest));
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        return new Options(
                port,
                bind,
                baseUrl,
                handle,
                name,
                data,
                jdbcUrl,
                adminToken,
                allowPrivate,
                feed,
                feedInterval,
                approveFollowers,
                delivery.checked());
    }

    private static String value(String option, String inline, Deque<String> rest) throws UsageException {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || rest.peekFirst().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static String notBlank(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be blank");
        }
        return value;
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number from 0 to 65535, got '" + value + "'");
        }
    }

    private static URI baseUrl(String value) throws UsageException {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || !(uri.getRawPath() == null
                            || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/"))) {
                throw new URISyntaxException(value, "not an origin");
            }
            String origin = scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
            return URI.create(origin);
        } catch (URISyntaxException e) {
            throw new UsageException(
                    "--base-url must be an origin like https://www.example.org (no path), got '" + value + "'");
        }
    }

    private static String handle(String value) throws UsageException {
        if (!USERNAME.matcher(value).matches()) {
            throw new UsageException("--handle must be 1 to 30 of A-Z a-z 0-9 _, starting and ending with a letter"
                    + " or digit, got '" + value + "'");
        }
        return value;
    }

    private static String jdbcUrl(String value) throws UsageException {
        if (!value.startsWith("jdbc:")) {
            throw new UsageException("--jdbc-url must start with jdbc:, e.g. jdbc:postgresql://db/herald?user=herald");
        }
        return value;
    }

    private static String token(String value) throws UsageException {
        if (value.length() < 8 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UsageException("--admin-token must be at least 8 printable characters without spaces");
        }
        return value;
    }

    private static URI feed(String value) throws UsageException {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("file") || scheme.equals("http") || scheme.equals("https"))) {
                throw new URISyntaxException(value, "scheme");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--feed must be a file:, http: or https: URL, got '" + value + "'");
        }
    }

    private static Duration interval(String value) throws UsageException {
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 1 || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new UsageException("--feed-interval must be 1 to 86400 seconds, got '" + value + "'");
        }
    }
}
