/** Reading the lists: change feed by keyset cursor, streamed snapshot, batch provenance (REQ-LIST-6..8). */
package org.yimatong.hub.lists.feed;
