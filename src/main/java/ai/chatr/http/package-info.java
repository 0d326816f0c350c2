/** What every endpoint shares: the JSON error body, JSON settings and the request body cap. */
package ai.chatr.http;
