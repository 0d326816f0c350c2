/** What every endpoint shares: refusals and their JSON body, JSON settings, paging and the request body cap. */
package ai.chatr.http;
