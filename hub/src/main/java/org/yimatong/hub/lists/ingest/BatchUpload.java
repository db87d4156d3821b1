package org.yimatong.hub.lists.ingest;

import java.time.LocalDate;

import org.yimatong.hub.registry.Member;

/** One upload as both doors hand it to {@link BatchIngest}: who, which tag and day, the detached signature. */
public record BatchUpload(Member member, String batchTag, LocalDate day, String signature) {
}
