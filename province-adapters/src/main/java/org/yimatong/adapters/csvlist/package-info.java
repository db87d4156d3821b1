/**
 * The {@code csv-list} dialect: a member that publishes its daily red/yellow list as a GBK-encoded CSV file with
 * ID numbers in plain text. The converter turns each row into a v1 list entry whose {@code sub} is
 * {@code HMAC-SM3(listKey, normalisedId)} before anything leaves this package; plaintext numbers are never
 * returned, logged or quoted in a problem (bad rows are named by line number with the ID masked). Native shape
 * and mapping: module README.
 * <p>
 * Attestations (REQ-PRIV-1): none, as the dialect has no verification; the file's columns (ID, name, colour,
 * listing times, reason) hold no test, vaccination or service link.
 */
package org.yimatong.adapters.csvlist;
