/**
 * The one-machine federation of {@code deploy/local}: starts real hubs (each with its embedded PostgreSQL) and real
 * member simulators on loopback ports, registers them, runs the scenario and stops every process it started.
 * {@code deploy/local/run.sh} and the CI test {@code LocalFederationIT} run the same {@link LocalFederation}.
 */
package org.yimatong.deploy.local;
