package ai.chatr.cluster.entity;

/**
 * This node hears the other nodes' notices (again, after Redis was away, or for the first time):
 * whatever they said meanwhile went unheard, and whoever keeps what notices bring catches up from
 * the database. Fired by the relay on its own thread.
 */
public record Rejoined() {
}
