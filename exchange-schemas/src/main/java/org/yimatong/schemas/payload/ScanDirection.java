package org.yimatong.schemas.payload;

/** Whether a visitor scanned a venue code on the way in or on the way out (DESIGN.md §5a). */
public enum ScanDirection {
    ENTRY, EXIT
}
