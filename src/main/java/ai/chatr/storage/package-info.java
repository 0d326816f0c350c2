/** chatr's database as a dependency that may come late: tells the rest of chatr once it answers, and refuses what needs it until then. */
package ai.chatr.storage;
