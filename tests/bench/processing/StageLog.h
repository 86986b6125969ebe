#pragma once
// The processing core's stage times (StageTimes) gathered over calls, for both processing
// benchmarks to print as medians.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "processing/Backend.h"

namespace rushes::bench {

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Each stage's times, in the order the stages first appeared.
struct StageLog {
    std::vector<std::pair<std::string, std::vector<double>>> stages;
    void add(const processing::StageTimes& times) {
        for (const processing::StageTime& t : times) {
            auto it =
                std::find_if(stages.begin(), stages.end(), [&](const auto& s) { return s.first == t.name; });
            if (it == stages.end()) it = stages.insert(stages.end(), {t.name, {}});
            it->second.push_back(t.ms);
        }
    }
};

}  // namespace rushes::bench
