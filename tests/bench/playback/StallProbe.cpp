// stall_probe: tells a stall of the machine from a stall of one program.
//
// Runs beside the playback benchmark (its own process, no Qt, about 2% of a core per processor).
// One thread per processor (held to it on Linux; elsewhere one thread, free to move): every 10 ms
// it wakes, copies 1 MiB between two buffers it touched at start, and runs a fixed integer loop;
// it times the wake-up delay, the copy and the loop. When the player's GUI thread stalls and the
// probe, which shares nothing with the player but the machine, stalls at the same moment, the
// cause is outside the player (the processors or memory of the machine). A virtual machine can
// lose one processor while the other runs: a thread held to each sees that.
//
//   stall_probe SECONDS [--all]
//
// --all prints every tick in the same form, not only those off their medians (for tests).
//
// Prints the medians, then every tick where a figure was far off its median, with its time on
// the steady clock (CLOCK_MONOTONIC on Linux: the clock `rushes --benchmark-playback` reports its
// start on with RUSHES_PROFILE=1).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}
double seconds(Clock::time_point t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

struct Tick {
    int cpu;         // the processor the thread is held to (-1: not held)
    double at;       // s, steady clock
    double late;     // ms past the wake-up time asked for
    double copy;     // ms for 1 MiB
    double compute;  // ms for the fixed loop
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
}

}  // namespace

// One probing thread's ticks until `runSeconds` after `start`.
std::vector<Tick> probe(int cpu, double runSeconds, Clock::time_point start) {
#if defined(__linux__)
    if (cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) cpu = -1;
    }
#endif
    constexpr size_t kBytes = 1 << 20;
    std::vector<uint8_t> a(kBytes, 1), b(kBytes, 2);
    std::vector<Tick> ticks;
    ticks.reserve(size_t(runSeconds * 100) + 16);
    const auto period = std::chrono::milliseconds(10);
    Clock::time_point due = start + period;
    uint64_t sink = 0;
    while (ms(due - start) < runSeconds * 1000) {
        std::this_thread::sleep_until(due);
        const Clock::time_point t0 = Clock::now();
        std::memcpy(a.data(), b.data(), kBytes);
        std::swap(a, b);
        const Clock::time_point t1 = Clock::now();
        uint64_t h = 1469598103934665603ull ^ sink;
        for (int i = 0; i < 200000; ++i) h = (h ^ uint64_t(i)) * 1099511628211ull;
        sink += h + a[size_t(h % kBytes)];
        const Clock::time_point t2 = Clock::now();
        ticks.push_back({cpu, seconds(t0), ms(t0 - due), ms(t1 - t0), ms(t2 - t1)});
        due += period;
        if (due < t2) due = t2 + period;  // after a long stall, start again rather than catch up
    }
    if (sink == 42) std::printf(" ");  // keeps the work
    return ticks;
}

int main(int argc, char** argv) {
    const double runSeconds = argc > 1 ? std::atof(argv[1]) : 60.0;
    const bool all = argc > 2 && std::strcmp(argv[2], "--all") == 0;
    if (runSeconds <= 0 || (argc > 2 && !all)) {
        std::fprintf(stderr, "usage: stall_probe SECONDS [--all]\n");
        return 2;
    }
#if defined(__linux__)
    std::vector<int> cpus;
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &allowed)) cpus.push_back(c);
    if (cpus.empty() || cpus.size() > 64) cpus = {-1};
#else
    const std::vector<int> cpus = {-1};
#endif
    const Clock::time_point start = Clock::now();
    std::printf("stall_probe: from %.3f s steady clock, %.0f s, %zu thread(s)\n", seconds(start), runSeconds,
                cpus.size());
    std::fflush(stdout);
    std::vector<std::vector<Tick>> results(cpus.size());
    {
        std::vector<std::thread> threads;
        for (size_t i = 0; i < cpus.size(); ++i)
            threads.emplace_back([&, i] { results[i] = probe(cpus[i], runSeconds, start); });
        for (std::thread& t : threads) t.join();
    }
    std::vector<Tick> ticks;
    for (const auto& r : results) ticks.insert(ticks.end(), r.begin(), r.end());
    std::sort(ticks.begin(), ticks.end(), [](const Tick& x, const Tick& y) { return x.at < y.at; });
    std::vector<double> late, copy, compute;
    for (const Tick& t : ticks) {
        late.push_back(t.late);
        copy.push_back(t.copy);
        compute.push_back(t.compute);
    }
    const double mLate = median(late), mCopy = median(copy), mCompute = median(compute);
    std::printf("stall_probe: %zu ticks; medians: wake-up %.3f ms late, 1 MiB copy %.3f ms, loop %.3f ms\n",
                ticks.size(), mLate, mCopy, mCompute);
    // Off: a wake-up 10 ms late or more, or a copy or loop taking 5 times its median and 1 ms more.
    int shown = 0;
    for (const Tick& t : ticks) {
        const bool off = t.late >= 10 || t.copy >= 5 * mCopy + 1 || t.compute >= 5 * mCompute + 1;
        if (!off && !all) continue;
        std::printf("  at %.3f s (+%.2f s): wake-up %.1f ms late, copy %.2f ms, loop %.2f ms, cpu %d\n", t.at,
                    t.at - seconds(start), t.late, t.copy, t.compute, t.cpu);
        if (++shown >= 400 && !all) break;
    }
    std::printf("stall_probe: %d ticks %s\n", shown, all ? "shown" : "off");
    return 0;
}
