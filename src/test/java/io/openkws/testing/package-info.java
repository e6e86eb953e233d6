/**
 * Test support shared across packages: starting {@code openkws run} as a child process, and a real Prometheus that
 * scrapes a target. Test code only; may depend on anything the tests use.
 */
package io.openkws.testing;
