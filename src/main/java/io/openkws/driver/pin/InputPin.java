package io.openkws.driver.pin;

/** One digital input line (a button, the TM1622 DATA line when reading), as drivers see it. */
public interface InputPin {
    /** The electrical level now: {@code true} = high. */
    boolean isHigh();
}
