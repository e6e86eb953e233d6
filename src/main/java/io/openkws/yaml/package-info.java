/**
 * The line-aware YAML reader shared by every file the user edits (configuration, board, scenario, calibration
 * profile, front-end model, segment map): {@link io.openkws.yaml.ConfNode} knows the file, line and key path of
 * every value so an error names them; {@link io.openkws.yaml.TextFiles} and {@link io.openkws.yaml.TextLines}
 * read text with size limits and strict UTF-8; {@link io.openkws.yaml.ConfigException} is the one exception for
 * a file that cannot be used.
 *
 * <p>{@code config} is the configuration file's meaning built on this reader (this package was {@code conf}, a
 * name that read as a twin of {@code config}). May use: SnakeYAML, the root {@code io.openkws.UserInput}, the
 * JDK. Must not use any other openkws package: every layer may read its files through it.
 */
package io.openkws.yaml;
