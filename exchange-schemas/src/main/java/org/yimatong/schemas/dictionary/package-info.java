/**
 * The data dictionary of v1: the enumerations on the wire (colours, statuses, sources, reasons, levels of
 * assurance, member kinds and statuses, ID document types) and the GB/T 2260 province table, each kept
 * identical to its file under {@code src/main/resources/dictionary/} by a test. Rules about ID numbers
 * live in {@code idnumber}; problem types in {@code problem}.
 */
package org.yimatong.schemas.dictionary;
