package ai.chatr.stats.boundary;

import ai.chatr.stats.control.Stats;
import ai.chatr.streams.control.ChatEvent;
import ai.chatr.streams.control.Hub;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends the room's totals to every stream every {@code chatr.stats.interval} (10 s). */
@Singleton
@Startup
public class StatsTimer {

    @Resource
    TimerService timers;

    @Inject
    Stats stats;

    @Inject
    Hub hub;

    @Inject
    @ConfigProperty(name = "chatr.stats.interval", defaultValue = "PT10S")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("stats", false));
    }

    @Timeout
    void broadcast() {
        if (hub.listeners() > 0) {
            hub.broadcast(new ChatEvent.Stats(stats.current()));
        }
    }
}
