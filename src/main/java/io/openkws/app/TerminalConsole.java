package io.openkws.app;

import io.openkws.driver.button.Button;
import io.openkws.io.sim.board.SimButton;
import io.openkws.io.sim.board.SimMains;
import io.openkws.meter.Reading;
import io.openkws.protect.Event;
import io.openkws.time.Clock;
import io.openkws.ui.HumanNumbers;
import io.openkws.ui.TerminalRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * The simulated meter in a terminal: the LCD as the simulated TM1622 shows it, the mains and load, recent events,
 * and keys for the four buttons and for changing the simulated mains voltage, load and mains loss.
 *
 * <p>Exists so {@code ./openkws run} is a working meter on any machine: what is drawn is decoded from the
 * driver's own pin signals, so the terminal shows exactly what the glass would.
 */
public final class TerminalConsole {

    private static final String HELP = "keys: m menu (M hold)  + plus  - minus  p power  R factory reset (hold +/-)"
            + "  |  v/V mains -/+5 V  x mains loss  c/C load -/+1 A  o overload  q quit";
    private static final long CLICK_NANOS = 150_000_000L;
    private static final long LONG_NANOS = 1_500_000_000L;
    private static final long CHORD_NANOS = 5_500_000_000L;
    private static final long FRAME_MILLIS = 150;

    private final Device device;
    private final BoardParts.Simulation sim;
    private final Clock clock;
    private final TerminalRenderer renderer;
    private final Deque<String> events = new ArrayDeque<>();
    private double mainsV = 230.0;
    private double loadA = 2.0;
    private boolean mainsLost;

    public TerminalConsole(Device device, Clock clock) {
        this.device = device;
        this.sim = device.parts().simulation().orElseThrow();
        this.clock = clock;
        this.renderer = new TerminalRenderer(device.segments(), true);
        device.addEventListener(this::remember);
    }

    /** Draws and reads keys until the user quits ({@code q}) or input ends. */
    public void run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Attributes saved = terminal.enterRawMode();
            try {
                PrintWriter out = terminal.writer();
                NonBlockingReader keys = terminal.reader();
                out.print("\033[?25l");
                while (true) {
                    draw(out);
                    int key = keys.read(FRAME_MILLIS);
                    if (key == NonBlockingReader.EOF || key == 'q' || key == 'Q' || key == 3) {
                        break;
                    }
                    if (key >= 0) {
                        onKey((char) key);
                    }
                }
            } finally {
                terminal.writer().print("\033[?25h\n");
                terminal.writer().flush();
                terminal.setAttributes(saved);
            }
        }
    }

    private void onKey(char key) {
        SimMains chip = sim.mains();
        switch (key) {
            case 'm' -> press(CLICK_NANOS, Button.MENU);
            case 'M' -> press(LONG_NANOS, Button.MENU);
            case '+', '=' -> press(CLICK_NANOS, Button.PLUS);
            case '-', '_' -> press(CLICK_NANOS, Button.MINUS);
            case 'p', 'P', ' ' -> press(CLICK_NANOS, Button.POWER);
            case 'R' -> press(CHORD_NANOS, Button.PLUS, Button.MINUS);
            case 'v' -> mainsV = Math.max(0, mainsV - 5);
            case 'V' -> mainsV = Math.min(400, mainsV + 5);
            case 'x', 'X' -> mainsLost = !mainsLost;
            case 'c' -> loadA = Math.max(0, loadA - 1);
            case 'C' -> loadA = Math.min(100, loadA + 1);
            case 'o', 'O' -> loadA = loadA < 20 ? 25.0 : 2.0;
            default -> {
                return;
            }
        }
        chip.setVoltageV(mainsLost ? 0 : mainsV);
        chip.setCurrentA(loadA);
    }

    private void press(long nanos, Button... buttons) {
        for (Button b : buttons) {
            SimButton button = sim.board().button(b);
            button.press();
            clock.schedule(nanos, button::release);
        }
    }

    private synchronized void remember(Event event) {
        events.addLast(io.openkws.service.EventJson.line(event));
        while (events.size() > 6) {
            events.removeFirst();
        }
    }

    private void draw(PrintWriter out) {
        StringBuilder screen = new StringBuilder("\033[H\033[2J");
        screen.append(device.parts().spec().hasLcd() ? "openkws — simulated KWS-302WF\r\n\r\n"
                : "openkws — simulated " + device.parts().spec().meter().chip() + " meter (no LCD: the menu model)\r\n\r\n");
        screen.append(renderer.render(sim.lcd().visible()).replace("\n", "\r\n")).append("\r\n");
        Controller.Status s = device.controller().status();
        Reading r = s == null ? null : s.reading();
        screen.append(String.format(Locale.ROOT, "mains %s  load %.2f A  |  read %s  relay %s  state %s  faults %s\r\n",
                mainsLost ? "LOST" : String.format(Locale.ROOT, "%.1f V", mainsV), loadA,
                r == null ? "-" : HumanNumbers.fixed(r.voltageV(), 1) + " V " + HumanNumbers.fixed(r.currentA(), 3) + " A "
                        + HumanNumbers.fixed(r.powerW(), 1) + " W",
                s != null && s.relayClosed() ? "ON" : "OFF", s == null ? "-" : s.state().name().toLowerCase(Locale.ROOT),
                s == null || s.faults().isEmpty() ? "-" : s.faults()));
        screen.append(String.format(Locale.ROOT, "energy %s kWh  run time %d s  mqtt %s\r\n\r\n",
                HumanNumbers.fixed(device.state().snapshot().energyKWh(), 4), device.state().snapshot().runTimeSeconds(),
                device.mqttStatus()));
        synchronized (this) {
            events.forEach(e -> screen.append(e).append("\r\n"));
        }
        screen.append("\r\n").append(HELP).append("\r\n");
        out.print(screen);
        out.flush();
    }
}
