/**
 * The root package: only {@link io.openkws.UserInput}, the pure text helper every layer uses to quote what a user
 * gave in an error message (shortened, one line, capped), so no input can make a message as long as itself.
 *
 * <p>May use: the JDK only. Holds nothing else: a type that belongs to a layer lives in that layer's package.
 */
package io.openkws;
