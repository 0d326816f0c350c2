package ai.chatr.cluster.control;

import ai.chatr.cluster.entity.Notice;

/**
 * Carries notices of what happened on this node to the other nodes, where they arrive as CDI
 * events ({@link Notice}). A transport only: what a notice means is the business of whoever fires
 * and observes it; whether other nodes exist, and how they are reached, is the relay's business alone.
 */
public interface Relay {

    /** Tells the other nodes, if there are any; never fails the caller. */
    void publish(Notice notice);

    /** Whether other nodes may hear: a notice that costs work to build is built only then. */
    boolean shared();
}
