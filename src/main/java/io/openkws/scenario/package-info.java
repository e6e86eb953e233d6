/**
 * The scenario file, the input of {@code simulate} (design.md "Scenario file"): timed mains, load, button and
 * command steps, validated with file and line in every error.
 *
 * <p>May use: {@code yaml}, {@code protect} (commands), the root {@code io.openkws.UserInput}, the JDK. Must not use: {@code io.*}, {@code driver.*},
 * {@code meter}, {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.scenario;
