/** Health an operator and a load balancer can act on: chatr.ai's {@code /health}, and MicroProfile Health's readiness and liveness below it. */
package ai.chatr.health;
