package io.openkws.decode.tm1622;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openkws.decode.CaptureException;
import io.openkws.io.sim.lcd.SimTm1622.Edge;
import io.openkws.io.sim.lcd.SimTm1622.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeTraceCsvTest {

    private static String error(String... lines) {
        return assertThrows(CaptureException.class, () -> EdgeTraceCsv.parse(List.of(lines), "t.csv")).getMessage();
    }

    @Test
    void the_first_row_sets_the_levels_and_later_rows_become_edges() {
        EdgeTraceCsv.Trace trace = EdgeTraceCsv.parse(List.of("time,CS,WR,DATA", "0.5,1,1,1", "0.500001,0,1,1",
                "0.500002,0,0,0"), "t.csv");

        assertEquals(500_000_000L, trace.startNanos());
        assertEquals(List.of(new Edge(500_001_000L, Line.CS, false), new Edge(500_002_000L, Line.DATA, false),
                new Edge(500_002_000L, Line.WR, false)), trace.edges());
    }

    @Test
    void a_row_changing_several_lines_applies_data_before_wr_and_cs_rising_last() {
        EdgeTraceCsv.Trace trace = EdgeTraceCsv.parse(List.of("time,CS,WR,DATA", "0,0,0,0", "1e-6,1,1,1"), "t");

        assertEquals(List.of(Line.DATA, Line.WR, Line.CS), trace.edges().stream().map(Edge::line).toList());
    }

    @Test
    void malformed_traces_name_the_line() {
        assertEquals("t.csv:1: expected the header time,CS,WR,DATA (optionally ,RD), got 'a,b'", error("a,b"));
        assertEquals("t.csv:2: expected 4 columns, got 3", error("time,CS,WR,DATA", "0,1,1"));
        assertEquals("t.csv:2: time must be a number of seconds, got 'x'", error("time,CS,WR,DATA", "x,1,1,1"));
        assertEquals("t.csv:3: time goes backwards", error("time,CS,WR,DATA", "1,1,1,1", "0.5,1,1,1"));
        assertEquals("t.csv: the trace has a header but no rows", error("# nothing", "time,CS,WR,DATA"));
    }
}
