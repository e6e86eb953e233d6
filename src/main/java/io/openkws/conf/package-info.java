/**
 * The line-aware YAML reader shared by every file the user edits (configuration, board, scenario, calibration
 * profile, front-end model, segment map): {@link io.openkws.conf.ConfNode} knows the file, line and key path of
 * every value so an error names them; {@link io.openkws.conf.TextFiles} and {@link io.openkws.conf.TextLines}
 * read text with size limits and strict UTF-8; {@link io.openkws.conf.ConfigException} is the one exception for
 * a file that cannot be used.
 *
 * <p>Not to be confused with {@code config}, which is the configuration file's meaning built on this reader (a
 * rename to {@code io.openkws.yaml} is planned). May use: SnakeYAML, the root {@code io.openkws.UserInput}, the
 * JDK. Must not use any other openkws package: every layer may read its files through it.
 */
package io.openkws.conf;
