package org.yimatong.schemas.dictionary;

/** Where a verification answer came from (DESIGN.md §6). */
public enum AnswerSource {
    /** The home platform answered in real time. */
    LIVE,
    /** The red/yellow list state held by the hub. */
    LIST,
    /** The code's own signed colour, still fresh. */
    SIGNED,
    /** No answer: the home could not be asked or did not answer; the status is UNKNOWN (REQ-VER-5). */
    NONE
}
