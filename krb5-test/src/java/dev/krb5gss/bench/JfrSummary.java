package dev.krb5gss.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where accept time goes: reads the execution samples of a JFR recording of
 * {@link AcceptBench} and prints the methods most often on top of the stack (self time) and
 * most often anywhere on the stack (inclusive time), as shares of the benchmark thread's
 * samples; frames below the benchmark method (JMH, threads) are left out.
 * Usage: {@code JfrSummary recording.jfr [rows]}.
 */
public final class JfrSummary {

    private static final String BENCH_FRAME = AcceptBench.class.getName() + ".acceptSlice";

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                var event = recording.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                    continue;
                }
                List<String> frames = frames(event.getStackTrace());
                int bench = frames.indexOf(BENCH_FRAME);
                if (bench < 0) {
                    continue;
                }
                samples++;
                frames = frames.subList(0, bench + 1);
                self.merge(frames.get(0), 1, Integer::sum);
                Set<String> seen = new HashSet<>(frames);
                seen.forEach(f -> inclusive.merge(f, 1, Integer::sum));
            }
        }
        System.out.printf("%d execution samples inside %s%n", samples, BENCH_FRAME);
        print("self (top of stack)", self, samples, rows);
        print("inclusive (anywhere on the stack)", inclusive, samples, rows);
    }

    private static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        return stack.getFrames().stream().map(RecordedFrame::getMethod).map(JfrSummary::name).toList();
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples),
                        e.getKey()));
    }
}
