package org.yimatong.hub.lists;

/** CDI event fired after a commit that appended change rows {@code fromSeq..toSeq} (inclusive). */
public record ListChangesRecorded(long fromSeq, long toSeq) {}
