package dev.krb5gss.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where each accept's bytes are allocated, exactly: reads a JFR recording of {@link LoopBench}
 * made with {@code -XX:-UseTLAB} and the {@code jdk.ObjectAllocationOutsideTLAB} event enabled
 * with stack traces (without thread-local allocation buffers every allocation is outside one, so
 * the event fires for each), keeps the accepting threads' events of the timed part (the last
 * {@code accepts × bytesPerAccept} bytes allocated, the figure {@code LoopBench} printed), and
 * prints bytes per accept by allocation site: the first {@code dev.krb5gss} frame, {@code depth}
 * frames from there, and the class allocated. Sampled allocation profiles ({@code
 * ObjectAllocationSample}) hid small per-accept sites this one shows.
 *
 * <p>Usage: {@code AllocationSites recording.jfr ACCEPTS BYTES_PER_ACCEPT [depth] [rows]}, e.g.
 * after {@code LoopBench ours-acceptor ... warm=15000} on a 20,000-token file run with
 * {@code -XX:-UseTLAB -XX:StartFlightRecording=filename=a.jfr,settings=exact.jfc} where
 * {@code exact.jfc} enables only that event: {@code AllocationSites a.jfr 5000 3900 2 60}.
 */
public final class AllocationSites {

    private AllocationSites() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: AllocationSites recording.jfr ACCEPTS BYTES_PER_ACCEPT [depth] [rows]");
            System.exit(2);
        }
        int accepts = Integer.parseInt(args[1]);
        long perAccept = Long.parseLong(args[2]);
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 60;

        List<RecordedEvent> events = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                RecordedThread t = e.getThread();
                if (e.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB")
                        && t != null && t.getJavaName() != null && t.getJavaName().startsWith("accept-")) {
                    events.add(e);
                }
            }
        }
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));
        // The timed part: the latest events that add up to the bytes LoopBench measured.
        long wanted = perAccept * accepts;
        long sum = 0;
        int from = 0;
        for (int i = events.size() - 1; i >= 0; i--) {
            sum += events.get(i).getLong("allocationSize");
            if (sum >= wanted) {
                from = i;
                break;
            }
        }
        Map<String, Long> bySite = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : events.subList(from, events.size())) {
            long size = e.getLong("allocationSize");
            total += size;
            bySite.merge(site(e, depth), size, Long::sum);
        }
        System.out.printf("bytes per accept: %.1f over %d accepts%n", total / (double) accepts, accepts);
        bySite.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(rows)
                .forEach(en -> System.out.printf("%8.1f  %s%n", en.getValue() / (double) accepts, en.getKey()));
    }

    private static String site(RecordedEvent e, int depth) {
        List<RecordedFrame> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
        int first = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getMethod().getType().getName().startsWith("dev.krb5gss.")) {
                first = i;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = first; i < Math.min(frames.size(), first + depth); i++) {
            RecordedFrame f = frames.get(i);
            String type = f.getMethod().getType().getName();
            if (i > first) {
                sb.append(" < ");
            }
            sb.append(type.substring(type.lastIndexOf('.') + 1)).append('.')
                    .append(f.getMethod().getName()).append(':').append(f.getLineNumber());
        }
        String allocated = e.getClass("objectClass").getName();
        return sb.append(" [").append(allocated.substring(allocated.lastIndexOf('.') + 1)).append(']').toString();
    }
}
