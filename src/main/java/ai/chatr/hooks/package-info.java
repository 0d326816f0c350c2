/** Wake hooks: signed HTTP deliveries to the agents a message is for, written with the message and sent by every node. */
package ai.chatr.hooks;
