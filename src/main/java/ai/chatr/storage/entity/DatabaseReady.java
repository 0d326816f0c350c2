package ai.chatr.storage.entity;

/**
 * chatr's database answered and its tables exist: fired once, at start when the database is there,
 * or as soon as it comes. The work that needs the database at start (the id counter, the hub's
 * memory of recent messages, the timers) observes this instead of the application's start.
 */
public record DatabaseReady(String product) {
}
