package ai.chatr.storage.boundary;

import ai.chatr.storage.control.Storage;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The first thing chatr hears of an undeploy, a redeploy or a shutdown (the web module stops before the container
 * closes the data source): from here on chatr's timers do no work ({@link Storage#windDown()}).
 */
@WebListener
public class Undeployment implements ServletContextListener {

    @Inject
    Storage storage;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        storage.windDown();
    }
}
