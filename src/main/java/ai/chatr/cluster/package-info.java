/** What makes several nodes one room: the shared Redis, used by the relay and the shared limits. */
package ai.chatr.cluster;
