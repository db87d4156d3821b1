/**
 * The run configuration: the target, the counterpart the suite plays, the target's test fixture API and the
 * timeouts, read from a small JSON file ({@link org.yimatong.conformance.config.ConfigFile}). Every key is
 * documented in the module README.
 */
package org.yimatong.conformance.config;
