package io.openkws.driver.tm1622;

/**
 * The TM1622 command codes (the 8 bits sent after mode ID {@code 100}, before the don't-care bit), from the
 * fact sheet's table A3. There are no BIAS or COM commands on this chip.
 */
public enum Tm1622Command {
    SYS_DIS(0x00), SYS_EN(0x01), LCD_OFF(0x02), LCD_ON(0x03),
    TIMER_DIS(0x04), WDT_DIS(0x05), TIMER_EN(0x06), WDT_EN(0x07),
    TONE_OFF(0x08), TONE_ON(0x09), CLR_TIMER(0x0D), CLR_WDT(0x0F),
    RC_32K(0x18), EXT_32K(0x1C), TONE_4K(0x40), TONE_2K(0x60),
    IRQ_DIS(0x80), IRQ_EN(0x88), F1(0xA0), NORMAL(0xE3);

    private final int code;

    Tm1622Command(int code) {
        this.code = code;
    }

    /** The 8-bit code, sent MSB first. */
    public int code() {
        return code;
    }
}
