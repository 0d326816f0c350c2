package ai.chatr.cluster.control;

import ai.chatr.cluster.entity.Notice;
import jakarta.enterprise.inject.Vetoed;

/** A single node: it knows everything that happens already, so there is nowhere to carry it. */
@Vetoed
public class LocalRelay implements Relay {

    @Override
    public void publish(Notice notice) {
        // one node: nobody else to tell
    }

    @Override
    public boolean shared() {
        return false;
    }
}
