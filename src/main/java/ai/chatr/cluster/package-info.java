/** What makes several nodes one room: the shared Redis, and the relay that carries notices of what happened on one node to the others. */
package ai.chatr.cluster;
