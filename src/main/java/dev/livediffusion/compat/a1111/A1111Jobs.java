package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The txt2img and img2img jobs in flight, for A1111's {@code progress}, {@code interrupt} and {@code skip}. A job's
 * pictures are separate engine calls, so progress counts pictures done, and an interrupt ends the jobs then in
 * flight before their next picture (an engine call is not cut short; the pictures made are answered, as A1111
 * answers an interrupted job's).
 */
@ApplicationScoped
class A1111Jobs {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A1111's {@code ProgressResponse}: no preview image (a picture's single engine call has none to show). */
    record Progress(double progress, @JsonProperty("eta_relative") double etaRelative, State state,
                    @JsonProperty("current_image") String currentImage, String textinfo) {
    }

    /** A1111's {@code state.dict()}, for the oldest job in flight: its pictures as A1111's jobs, its steps. */
    record State(boolean skipped, boolean interrupted, @JsonProperty("stopping_generation") boolean stopping,
                 String job, @JsonProperty("job_count") int jobCount, @JsonProperty("job_timestamp") String timestamp,
                 @JsonProperty("job_no") int jobNo, @JsonProperty("sampling_step") int samplingStep,
                 @JsonProperty("sampling_steps") int samplingSteps) {
    }

    /** One request's pictures, made one after another by the thread that started it. */
    final class Job implements AutoCloseable {

        private final String name;
        private final int pictures;
        private final int steps;
        private final long interruptsAtStart = interrupts.get();
        private final long started = System.nanoTime();
        private final String timestamp = LocalDateTime.now().format(TIMESTAMP);
        private volatile int done;

        private Job(String name, int pictures, int steps) {
            this.name = name;
            this.pictures = pictures;
            this.steps = steps;
        }

        /** False once an interrupt came after the job started. */
        boolean goesOn() {
            return interrupts.get() == interruptsAtStart;
        }

        void pictureDone() {
            done++;
        }

        @Override
        public void close() {
            jobs.remove(this);
        }

        private Progress progress() {
            double progress = (double) done / pictures;
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = progress > 0 ? elapsed / progress - elapsed : 0;
            return new Progress(progress, eta, new State(false, !goesOn(), false, name, pictures, timestamp, done, 0,
                    steps), null, null);
        }
    }

    private static final Progress IDLE = new Progress(0, 0, new State(false, false, false, "", 0, null, 0, 0, 0),
            null, null);

    private final Queue<Job> jobs = new ConcurrentLinkedQueue<>();
    private final AtomicLong interrupts = new AtomicLong();

    Job start(String name, int pictures, int steps) {
        Job job = new Job(name, pictures, steps);
        jobs.add(job);
        return job;
    }

    /** The oldest job in flight, or idle. */
    Progress progress() {
        Job oldest = jobs.peek();
        return oldest == null ? IDLE : oldest.progress();
    }

    /** Ends every job in flight before its next picture. */
    void interrupt() {
        interrupts.incrementAndGet();
    }
}
