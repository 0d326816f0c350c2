/** What every endpoint shares: refusals and their JSON body, JSON settings, paging. */
package ai.chatr.http;
