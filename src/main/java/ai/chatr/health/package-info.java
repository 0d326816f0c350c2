/** Liveness for load balancers and operators. */
package ai.chatr.health;
