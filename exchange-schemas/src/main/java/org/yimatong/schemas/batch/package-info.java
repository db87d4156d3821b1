/**
 * The red/yellow list batch as signed bytes (DESIGN.md §7): list entries, their canonical form and digest,
 * the manifest and its detached signature. Ingest, diffing and storage live in the hub, not here.
 */
package org.yimatong.schemas.batch;
