/** The command-line runner: arguments, reachability check, the run, the reports, and the exit code. */
package org.yimatong.conformance.cli;
