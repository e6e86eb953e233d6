/**
 * The {@code openkws} command line (picocli): one class per subcommand ({@code run}, {@code simulate},
 * {@code read}, {@code calibrate}, {@code decode}, {@code lcd}, {@code bench}, {@code history}) and
 * {@link io.openkws.cli.Main}, which owns the one error rule: a user mistake prints one line and exits 2, anything
 * else is a bug with a stack trace (exit 1). The layers below throw their own domain exceptions; {@code Main}
 * lists which of them are user mistakes.
 *
 * <p>The top layer: may use every package. Nothing outside {@code cli} may use it.
 */
package io.openkws.cli;
