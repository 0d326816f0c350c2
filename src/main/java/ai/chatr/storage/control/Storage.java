package ai.chatr.storage.control;

import ai.chatr.Database;
import ai.chatr.UrlDataSource;
import ai.chatr.storage.entity.DatabaseReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sequencing.NativeSequence;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;

/**
 * Whether chatr has its database. At start it tries once; when the database is away it says so in
 * one line and tries again every {@code chatr.storage.retry} (1 s) on a connection of its own (not
 * the pool's, whose every failure the container would log), until it answers. Then it creates the
 * missing tables and columns (never dropping anything) and fires {@link DatabaseReady}, once.
 * Until then, what needs the database is refused with 503 {@code storage_unavailable}.
 */
@ApplicationScoped
public class Storage {

    private static final Logger LOG = Logger.getLogger(Storage.class.getName());

    @Resource(lookup = "java:app/jdbc/chatr")
    DataSource pool;

    @PersistenceUnit(unitName = "chatr")
    EntityManagerFactory persistence;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<DatabaseReady> ready;

    @Inject
    @ConfigProperty(name = Database.URL)
    String url;

    @Inject
    @ConfigProperty(name = Database.USER, defaultValue = "")
    String user;

    @Inject
    @ConfigProperty(name = Database.PASSWORD, defaultValue = "")
    String password;

    /** How often to try again while the database is away. */
    @Inject
    @ConfigProperty(name = "chatr.storage.retry", defaultValue = "PT1S")
    Duration retry;

    /** How long one look at the database may take: the readiness query, or checking a new connection. */
    @Inject
    @ConfigProperty(name = "chatr.storage.timeout", defaultValue = "PT2S")
    Duration timeout;

    private volatile boolean open;
    /** Whether the last look at an opened database failed: an outage is logged once, not per request. */
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile String waitingFor = "the first look at the database";
    private volatile ScheduledFuture<?> retrying;
    private final AtomicBoolean windingDown = new AtomicBoolean();

    void start(@Observes Startup startup) {
        if (!tryToOpen()) {
            LOG.warning(() -> "chatr cannot reach its database (" + waitingFor + "); it answers 503 storage_unavailable"
                    + " to what needs it and is not ready until it can; trying again every " + retry.toMillis() + " ms");
            retrying = scheduler.scheduleWithFixedDelay(this::retry, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void retry() {
        try {
            if (!open && tryToOpen()) {
                LOG.info("chatr reached its database: ready");
                retrying.cancel(false);
            }
        } catch (RuntimeException unexpected) {
            waitingFor = firstLine(unexpected); // and try again: a failed run would end the schedule
            LOG.log(Level.FINE, "Opening the database failed", unexpected);
        }
    }

    /** Opens the database if it answers now: its tables, then everyone who waited for it. */
    private synchronized boolean tryToOpen() {
        Optional<String> away = reach();
        if (away.isPresent()) {
            waitingFor = away.get();
            return false;
        }
        DatabaseSession session = persistence.unwrap(DatabaseSession.class);
        try {
            createSequences(session);
            new SchemaManager(session).extendDefaultTables(true);
        } catch (SQLException | RuntimeException failure) {
            waitingFor = "its tables could not be created: " + firstLine(failure);
            return false;
        }
        open = true;
        waitingFor = null;
        String product = session.getDatasourcePlatform().getClass().getSimpleName();
        LOG.info(() -> "chatr opened its database (" + product + "): tables checked");
        try {
            ready.fire(new DatabaseReady(product));
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "chatr reached its database, but starting what needs it failed", failure);
        }
        return true;
    }

    /**
     * Creates the sequences entities draw their ids from (the audit's) when they are missing, before
     * EclipseLink extends the schema: EclipseLink checks whether a sequence exists by asking it for a
     * value, and on a fresh database logs the failure of that check as an error with its stack trace.
     * H2 and PostgreSQL both know {@code CREATE SEQUENCE IF NOT EXISTS}; the statement is the one
     * EclipseLink would issue.
     */
    private void createSequences(DatabaseSession session) throws SQLException {
        Set<NativeSequence> sequences = session.getDescriptors().values().stream()
                .map(ClassDescriptor::getSequence)
                .filter(NativeSequence.class::isInstance).map(NativeSequence.class::cast)
                .filter(sequence -> !sequence.shouldAcquireValueAfterInsert()) // an identity column needs none
                .collect(Collectors.toSet());
        if (sequences.isEmpty()) {
            return;
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (NativeSequence sequence : sequences) {
                statement.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence.getName() + " START WITH "
                        + sequence.getInitialValue() + " INCREMENT BY " + sequence.getPreallocationSize());
            }
        }
    }

    private static String firstLine(Exception failure) {
        return String.valueOf(failure.getMessage()).lines().findFirst().orElse(failure.getClass().getSimpleName());
    }

    /** Empty when a connection of chatr's own opens and is valid; otherwise why not. */
    private Optional<String> reach() {
        UrlDataSource direct = new UrlDataSource();
        direct.setUrl(url);
        direct.setUser(user);
        direct.setPassword(password);
        int seconds = (int) Math.max(1, timeout.toSeconds());
        direct.setLoginTimeout(seconds);
        try (Connection connection = direct.getConnection()) {
            return connection.isValid(seconds) ? Optional.empty() : Optional.of("its connection is not valid");
        } catch (SQLException | RuntimeException failure) {
            return Optional.of(firstLine(failure));
        }
    }

    /**
     * The application is being undeployed, redeployed or shut down: chatr's timers do no more work from now on.
     * Payara Server closes the data source of a deployment before it destroys the deployment's beans (and does
     * not cancel their timers), so a tick that began after this would fail in the pool and be logged by it.
     */
    public void windDown() {
        if (windingDown.compareAndSet(false, true)) {
            LOG.info("chatr is stopping: its timers do no more work");
        }
    }

    /** Whether {@link #windDown()} was called: a timer's tick then does nothing. */
    public boolean windingDown() {
        return windingDown.get();
    }

    /** Whether the database was reached (once reached, this stays true; see {@link #check()}). */
    public boolean open() {
        return open;
    }

    /**
     * Empty when the database answers a query through chatr's own pool within
     * {@code chatr.storage.timeout}; otherwise why not. Before the database was first reached, the
     * pool is left alone and the reason is the last probe's.
     */
    public Optional<String> check() {
        if (!open) {
            return Optional.of("waiting for the database: " + waitingFor);
        }
        Optional<String> failure;
        try (Connection connection = pool.getConnection(); Statement query = connection.createStatement()) {
            query.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet answer = query.executeQuery("SELECT 1")) {
                failure = answer.next() ? Optional.empty() : Optional.of("the database answered nothing");
            }
        } catch (SQLException | RuntimeException failed) {
            LOG.log(Level.FINE, "The database query failed", failed);
            failure = Optional.of(firstLine(failed));
        }
        if (failure.isPresent() && lost.compareAndSet(false, true)) {
            LOG.warning("chatr lost its database (" + failure.get() + "); what needs it answers 503 storage_unavailable until it is back");
        } else if (failure.isEmpty() && lost.compareAndSet(true, false)) {
            LOG.info("chatr's database answers again");
        }
        return failure;
    }

    @PreDestroy
    void stop() {
        if (retrying != null) {
            retrying.cancel(true);
        }
    }
}
