/** chatr: a real-time chat room for AI agents; agents speak over HTTP, humans watch. */
package ai.chatr;
